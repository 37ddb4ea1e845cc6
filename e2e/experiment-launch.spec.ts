import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createPrismaClient } from "@/lib/server/db/client";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { formatInterval } from "@/lib/view/experiments/format-results";
import { computeMeanInterval } from "@/lib/view/experiments/statistics";
import { createProject } from "./auth-helpers";
import { withDb } from "./db";
import { openPage } from "./open-page";

/**
 * Many runs from the browser: 3 seeds × 2 settings launched from the form with the simulator, the
 * group page filling in live while they execute (no reload), the group paused and resumed from the
 * page, and its results table exported; and the compare view's grouping of picked runs.
 */

const SHOTS = process.env.E2E_SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const scheme of ["light", "dark"] as const) {
    await page.evaluate((s) => {
      localStorage.setItem("espl-theme", s);
      document.documentElement.classList.toggle("dark", s === "dark");
      document.documentElement.dataset.theme = s;
    }, scheme);
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

let projectName: string;

test.beforeAll(async () => {
  projectName = (await createProject(`E2E experiments ${randomUUID().slice(0, 8)}`)).name;
});

const statusesOf = (experimentId: string) =>
  withDb(async (db) =>
    (
      await db.query<{ status: string }>(`SELECT status FROM runs WHERE experiment_id = $1`, [experimentId])
    ).rows.map((r) => r.status),
  );

test("launch 3 seeds × 2 settings in the browser; the group page fills in live; pause, resume, export", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `browser grid ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  await page.getByLabel("Project").selectOption({ label: projectName });
  // Long enough (40 steps a run) to be seen running, small enough to finish in a minute on the simulator.
  await page.getByLabel("Training problems used").fill("40");
  await page.getByLabel("Batch size (B)").fill("2");
  await page.getByLabel("Epochs").fill("2");
  await page.getByLabel("Group name").fill(name);
  await page.getByLabel("Seeds", { exact: true }).fill("1-3");
  await page.getByLabel("Sweep").fill("crossover_prob=0,0.5");
  // Before launching: how many runs, and what the time estimate rests on.
  await expect(page.getByTestId("estimate-runs")).toHaveText("6");
  await expect(page.getByTestId("estimate-basis")).toContainText("the simulator");
  await shoot(page, "launch-experiment");
  await page.getByRole("button", { name: "Launch 6 runs" }).click();

  await page.waitForURL(/\/experiments\/[0-9a-f-]{36}/);
  const experimentId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { name })).toBeVisible();
  // Marks this document: a reload or navigation would drop it.
  await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
  const stored = await withDb(async (db) =>
    db.query<{ crossover: number; seed: number }>(
      `SELECT (config->>'crossover_prob')::float8 AS crossover, seed FROM runs WHERE experiment_id = $1`,
      [experimentId],
    ),
  );
  expect(stored.rows.map((r) => `${r.crossover}/${r.seed}`).sort()).toEqual([
    "0.5/1",
    "0.5/2",
    "0.5/3",
    "0/1",
    "0/2",
    "0/3",
  ]);

  // The aggregate curve appears while the runs execute, then the whole group is paused from the page.
  const chart = page.getByTestId("group-curve-chart");
  await expect(chart.locator("path.recharts-line-curve").first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Pause all" }).click();
  await expect(page.getByTestId("group-control-outcome")).toContainText("paused");
  // Paused at their next step boundary: none running, and the page says so without a reload.
  await expect
    .poll(async () => (await statusesOf(experimentId)).filter((s) => s === "running").length, {
      timeout: 60_000,
    })
    .toBe(0);
  const paused = (await statusesOf(experimentId)).filter((s) => s === "paused").length;
  expect(paused).toBeGreaterThan(0);
  await expect(page.getByTestId("group-status")).toContainText(`${paused} paused`);
  await shoot(page, "group-paused");

  await page.getByRole("button", { name: "Resume all" }).click();
  await expect(page.getByTestId("group-status")).toHaveText("6 completed", { timeout: 180_000 });
  expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);

  // Filled in: each setting's row has its 3 runs, the chart its 2 means and 6 faint seeds.
  const table = page.getByTestId("results-table");
  for (const crossover of ["0", "0.5"]) {
    const row = table.getByRole("row", { name: new RegExp(`^crossover_prob=${crossover} `) });
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d\.\d{3} ± \d\.\d{3}$/);
  }
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(2 + 6);
  await shoot(page, "group-done");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv.split("\n")[0]).toBe("group,metric,kind,n,mean,lower,upper,sd");
  expect(csv).toMatch(/^crossover_prob=0\.5,testing\/Pass@1,final,3,/m);
});

test("the reproduce template counts its runs and refuses bad seeds before launching", async ({ page }) => {
  await openPage(page, "/runs/new");
  await page.getByLabel("Project").selectOption({ label: projectName });
  const card = page.getByTestId("reproduce-card");
  await expect(card.getByRole("button", { name: "Reproduce the paper (9 runs)" })).toBeEnabled();
  await card.getByLabel("Seeds per mode").fill("1-2");
  await expect(card.getByRole("button", { name: "Reproduce the paper (6 runs)" })).toBeEnabled();
  await card.getByLabel("Seeds per mode").fill("3-1");
  await expect(card.getByTestId("reproduce-problems")).toContainText('range "3-1" runs backwards');
  await expect(card.getByRole("button", { name: /Reproduce the paper/ })).toBeDisabled();
});

test("compare groups the picked runs by a config key or their experiment, mean ± 95% t-interval", async ({
  page,
}) => {
  const project = await createProject();
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  const name = `compared ${randomUUID().slice(0, 8)}`;
  const { experimentId } = await seedExperimentGroup(prisma, {
    projectId: project.id,
    name,
    runs: 6,
    steps: 60,
  });
  const runs = await prisma.run.findMany({ where: { experimentId }, select: { id: true, config: true } });
  await prisma.$disconnect();

  await openPage(page, `/compare?runs=${runs.map((r) => r.id).join(",")}&group=crossover_prob`);
  const table = page.getByTestId("compare-groups-table");
  for (const crossover of [0, 0.5]) {
    const ids = runs
      .filter((r) => (r.config as { crossover_prob: number }).crossover_prob === crossover)
      .map((r) => r.id);
    const finals = await withDb(async (db) =>
      (
        await db.query<{ v: number }>(
          `SELECT DISTINCT ON (run_id) (metrics->'logged'->>'testing/Pass@1')::float8 AS v
           FROM steps WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, step DESC`,
          [ids],
        )
      ).rows.map((r) => r.v),
    );
    const row = table.getByRole("row", { name: new RegExp(`^crossover_prob=${crossover} `) });
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    await expect(row).toContainText(formatInterval(computeMeanInterval(finals)));
  }
  await expect(page.getByTestId("compare-groups").getByTestId("group-curve-chart")).toBeVisible();
  await shoot(page, "compare-grouped");

  await page.getByLabel("Group runs by").selectOption("experiment");
  await expect(page).toHaveURL(/group=experiment/);
  await expect(
    table
      .getByRole("row", { name: new RegExp(`^${name} `) })
      .getByRole("cell")
      .nth(0),
  ).toHaveText("6");
});
