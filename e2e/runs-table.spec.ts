import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/server/db/client";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { createProject, signInAs } from "./auth-helpers";
import { withDb } from "./db";
import { checkLooks } from "./look-check";

/**
 * The runs table a researcher lives in: choose a metric and a config column, sort by the metric, group by
 * the config key (counts and means read back against the database), star, archive and bring back. The
 * caller is an editor of one fresh project only, so the list holds exactly the runs made here.
 */

const PASS = "testing/Pass@1";

async function seedProject(runs: number) {
  const project = await createProject();
  if (runs === 0) return { project, runs: [] as { id: string; name: string }[] };
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const group = await seedExperimentGroup(prisma, {
      projectId: project.id,
      name: `table ${randomUUID().slice(0, 8)}`,
      runs,
      steps: 12,
    });
    const rows = await prisma.run.findMany({
      where: { experimentId: group.experimentId },
      select: { id: true, name: true },
    });
    return { project, runs: rows };
  } finally {
    await prisma.$disconnect();
  }
}

/** Each run's last logged Pass@1 and crossover_prob, as the database holds them. */
const readFinals = (projectId: string) =>
  withDb(async (db) => {
    const { rows } = await db.query<{ name: string; pass: number; prob: number }>(
      `SELECT r.name, (r.config->>'crossover_prob')::float8 AS prob,
         (SELECT (s.metrics->'logged'->>'${PASS}')::float8 FROM steps s WHERE s.run_id = r.id
          ORDER BY s.step DESC LIMIT 1) AS pass
       FROM runs r WHERE r.project_id = $1`,
      [projectId],
    );
    return rows;
  });

const readMarks = (runId: string) =>
  withDb(async (db) => {
    const run = await db.query<{ starred: boolean; archived: boolean }>(
      `SELECT starred, archived_at IS NOT NULL AS archived FROM runs WHERE id = $1`,
      [runId],
    );
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_entries WHERE target_id = $1 ORDER BY id`,
      [runId],
    );
    return { ...run.rows[0]!, audit: audit.rows.map((r) => r.action) };
  });

async function open(page: Page, path: string) {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const cellTexts = (page: Page, header: string) =>
  page.evaluate((name) => {
    const table = document.querySelector('[data-testid="runs-table"]')!;
    const index = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent?.startsWith(name));
    return [...table.querySelectorAll('tbody tr[data-testid="run-row"]')].map(
      (tr) => tr.querySelectorAll("td")[index]?.textContent ?? "",
    );
  }, header);

test("choose columns, sort by a metric, group by a config key, star and archive", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { project, runs } = await seedProject(6);
  await signInAs(context, [{ id: project.id, role: "editor" }]);
  await open(page, "/runs");
  await expect(page.getByTestId("run-row")).toHaveCount(6);

  // Columns: the last logged Pass@1 and crossover_prob, chosen in the picker; the view goes into the URL.
  await page.getByTestId("column-picker").locator("summary").click();
  await page.getByRole("checkbox", { name: PASS }).check();
  await page.getByRole("checkbox", { name: "crossover_prob", exact: true }).check();
  await page.getByRole("button", { name: "Show columns" }).click();
  await expect(page).toHaveURL(/cols=.*final%3Atesting%2FPass%401/);
  const finals = await readFinals(project.id);
  const header = `final ${PASS}`;
  await expect(page.getByRole("columnheader", { name: header })).toBeVisible();

  // Sort by it, highest first: the column reads the database's values in that order.
  await page.getByRole("link", { name: header }).click();
  await expect(page.getByRole("columnheader", { name: `${header} ▼` })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const expected = finals.map((f) => f.pass.toFixed(3)).sort((a, b) => Number(b) - Number(a));
  await expect.poll(() => cellTexts(page, header)).toEqual(expected);

  // Group by crossover_prob: two groups of three, each header with the mean of its runs' values.
  await page.getByLabel("Group by").selectOption("config:crossover_prob");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("group-row")).toHaveCount(2);
  const sharedUrl = page.url();
  expect(sharedUrl).toContain("group=config%3Acrossover_prob");
  for (const prob of [0, 0.5]) {
    const members = finals.filter((f) => f.prob === prob);
    const mean = members.reduce((s, f) => s + f.pass, 0) / members.length;
    const row = page.locator(`[data-testid="group-row"][data-group="k:${prob}"]`);
    await expect(row).toContainText(`crossover_prob = ${prob}`);
    await expect(row).toContainText(`(${members.length} runs)`);
    await expect(row).toContainText(mean.toFixed(3));
  }
  await checkLooks(page, "runs-table-grouped", { fullPage: true });
  await page.getByTestId("group-row").first().getByTestId("group-toggle").click();
  await expect(page.getByTestId("run-row")).toHaveCount(3);
  await expect(page.getByTestId("group-row").first().getByTestId("group-toggle")).toHaveAttribute(
    "aria-expanded",
    "false",
  );

  // The shared URL opens the same view in a fresh page.
  const again = await context.newPage();
  await open(again, sharedUrl);
  await expect(again.getByTestId("group-row")).toHaveCount(2);
  await expect(again.getByRole("columnheader", { name: `${header} ▼` })).toBeVisible();
  await again.close();

  // Star one run, then list starred runs only.
  const [starred, archived] = runs as [{ id: string; name: string }, { id: string; name: string }];
  await open(page, "/runs");
  const star = page.locator(`[data-run-id="${starred.id}"]`).getByTestId("star-toggle");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await readMarks(starred.id)).starred).toBe(true);
  expect((await readMarks(starred.id)).audit).toEqual(["run.starred"]);
  await page.getByLabel("Starred only").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row")).toContainText(starred.name);

  // Archive another: it leaves the list, comes back under "Show archived", and unarchives.
  await open(page, "/runs");
  await page.getByRole("button", { name: `Archive ${archived.name}` }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(5);
  expect(await readMarks(archived.id)).toMatchObject({ archived: true, audit: ["run.archived"] });
  await page.getByLabel("Show archived").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("run-row")).toHaveCount(6);
  await expect(page.locator(`[data-run-id="${archived.id}"]`)).toContainText("(archived)");
  await page.getByRole("button", { name: `Unarchive ${archived.name}` }).click();
  await expect.poll(async () => (await readMarks(archived.id)).archived).toBe(false);
});

test("a viewer sees marks but no star or archive buttons; an empty list says so", async ({
  page,
  context,
}) => {
  const { project, runs } = await seedProject(2);
  await withDb((db) => db.query(`UPDATE runs SET starred = true WHERE id = $1`, [runs[0]!.id]));
  await signInAs(context, [{ id: project.id, role: "viewer" }]);
  await open(page, "/runs");
  await expect(page.getByTestId("run-row")).toHaveCount(2);
  await expect(page.getByTestId("star-toggle")).toHaveCount(0);
  await expect(page.getByTestId("archive-toggle")).toHaveCount(0);
  await expect(
    page.locator(`[data-run-id="${runs[0]!.id}"]`).getByRole("img", { name: "Starred" }),
  ).toBeVisible();

  const empty = await seedProject(0);
  await signInAs(context, [{ id: empty.project.id, role: "editor" }]);
  await open(page, "/runs");
  await expect(page.getByTestId("no-runs")).toBeVisible();
  await checkLooks(page, "runs-table-empty", { fullPage: true });
});
