import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/server/db/client";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { computeMeanInterval } from "@/lib/view/experiments/statistics";
import { createProject } from "./auth-helpers";
import { withDb } from "./db";
import { openPage } from "./open-page";

/** Final test Pass@1 of each run of a setting, straight from its stored steps. */
async function storedFinals(runIds: string[]): Promise<number[]> {
  return withDb(async (db) => {
    const { rows } = await db.query<{ v: number }>(
      `SELECT DISTINCT ON (run_id) (metrics->'logged'->>'testing/Pass@1')::float8 AS v
       FROM steps WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, step DESC`,
      [runIds],
    );
    return rows.map((r) => r.v);
  });
}

test("an experiment's page: the results table equals the stored runs' numbers; curves, differences, export", async ({
  page,
}) => {
  const project = await createProject();
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  const name = `exp ${randomUUID().slice(0, 8)}`;
  const { experimentId } = await seedExperimentGroup(prisma, {
    projectId: project.id,
    name,
    runs: 6,
    steps: 120,
  });
  const runs = await prisma.run.findMany({ where: { experimentId }, select: { id: true, config: true } });
  await prisma.$disconnect();

  await openPage(page, `/experiments/${experimentId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const table = page.getByTestId("results-table");
  for (const crossover of [0, 0.5]) {
    const ids = runs
      .filter((r) => (r.config as { crossover_prob: number }).crossover_prob === crossover)
      .map((r) => r.id);
    const m = computeMeanInterval(await storedFinals(ids))!;
    const cell = `${m.mean.toFixed(3)} ± ${((m.upper! - m.lower!) / 2).toFixed(3)}`;
    const row = table.getByRole("row", { name: new RegExp(`^crossover_prob=${crossover} `) });
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    await expect(row.getByRole("cell").nth(1)).toHaveText(cell);
  }
  await expect(page.getByTestId("group-curve-chart").locator("path.recharts-line-curve")).toHaveCount(2 + 6);
  await expect(page.getByTestId("differences-table")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Markdown" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file, "utf8")).toMatch(/^\| group \| n \| final Pass@1/);

  // Grouping by one config key is a link away and keeps working.
  await page.getByLabel("Group by").selectOption("experiment");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/by=experiment/);
  await expect(
    table
      .getByRole("row", { name: /^all runs / })
      .getByRole("cell")
      .nth(0),
  ).toHaveText("6");
});
