import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun } from "./make-run";
import { openPage } from "./open-page";

// A small pool and frequent crossover, so a short run has crossover children and evicted programs.
const CONFIG = { batch_size: 4, n_epochs: 1, dataset_size: 48, max_pool_size: 4, crossover_prob: 0.9 };

interface ProgramRow {
  id: number;
  birth: number;
  evicted: number | null;
  origin: string;
}

let runId: string;
let programs: ProgramRow[];

async function waitForCompletion(id: string) {
  await expect
    .poll(
      () =>
        withDb(async (db) => (await db.query(`SELECT status FROM runs WHERE id = $1`, [id])).rows[0]?.status),
      { timeout: 120_000, intervals: [500] },
    )
    .toBe("completed");
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  runId = await makeRun(`lineage ${randomUUID().slice(0, 8)}`, CONFIG);
  await waitForCompletion(runId);
  programs = await withDb(
    async (db) =>
      (
        await db.query<ProgramRow>(
          `SELECT program_id AS id, birth_step AS birth, evicted_at_step AS evicted, origin::text AS origin
           FROM programs WHERE run_id = $1 ORDER BY program_id`,
          [runId],
        )
      ).rows,
  );
});

const graph = (page: Page) => page.getByTestId("lineage-graph");

test("click a crossover child: all its parents and its event; hover and selection never relayout", async ({
  page,
}) => {
  const child = programs.find((p) => p.origin === "crossover");
  expect(child, "the run made a crossover child").toBeDefined();
  const { parents, eventId } = await withDb(async (db) => ({
    parents: (
      await db.query<{ id: number }>(
        `SELECT p.program_id AS id FROM program_edges e JOIN programs p ON p.id = e.parent_id
         JOIN programs c ON c.id = e.child_id WHERE c.run_id = $1 AND c.program_id = $2 ORDER BY e.parent_order`,
        [runId, child!.id],
      )
    ).rows.map((r) => r.id),
    eventId: (
      await db.query<{ id: number }>(
        `SELECT ev.id FROM evolution_events ev JOIN programs c ON c.id = ev.child_id
         WHERE c.run_id = $1 AND c.program_id = $2`,
        [runId, child!.id],
      )
    ).rows[0]!.id,
  }));
  expect(parents.length).toBeGreaterThanOrEqual(2);

  await openPage(page, `/runs/${runId}/lineage`);
  await expect(graph(page)).toHaveAttribute("data-nodes", String(programs.length));
  await expect(graph(page).locator(".react-flow__edge")).not.toHaveCount(0);
  await expect(graph(page)).toHaveAttribute("data-layout-count", "1");
  // Crossover edges are drawn dashed, one per parent.
  await expect(graph(page).locator(".lineage-edge-crossover")).not.toHaveCount(0);

  const root = page.getByTestId("lineage-node-0");
  await root.hover();
  await expect(page.getByTestId("lineage-hover")).toContainText("#0 root");
  await page.getByTestId(`lineage-node-${child!.id}`).click();
  const panel = page.getByTestId("lineage-panel");
  await expect(panel.getByRole("heading", { name: `Program #${child!.id}` })).toBeVisible();
  const parentSection = panel.getByRole("region", { name: "Parents" });
  for (const [i, id] of parents.entries())
    await expect(
      parentSection.getByRole("button", { name: `#${id} Set ${String.fromCharCode(65 + i)}` }),
    ).toBeVisible();
  await expect(panel.getByTestId("event-summary")).toContainText(
    `crossover of ${parents.map((p) => `#${p}`).join(" + ")}`,
  );
  await expect(panel.getByRole("link", { name: "Open event" })).toHaveAttribute(
    "href",
    `/runs/${runId}/evolution?event=${eventId}`,
  );
  // Ancestors are emphasised, and the selection, hover and colour toggle left the layout alone.
  await expect(page.getByTestId(`lineage-node-${parents[0]}`)).toHaveAttribute("data-emphasis", "related");
  await parentSection.getByRole("button", { name: new RegExp(`^#${parents[1]} `) }).click();
  await expect(panel.getByRole("heading", { name: `Program #${parents[1]}` })).toBeVisible();
  await page.getByLabel("Colour").selectOption("conservative");
  await expect(graph(page)).toHaveAttribute("data-layout-count", "1");
});

test("replay to an early step shows the population as it was then", async ({ page }) => {
  const evicted = programs.filter((p) => p.evicted !== null);
  expect(evicted.length, "the run evicted programs").toBeGreaterThan(0);
  // The first step after an eviction: its population excludes a ghost and lacks later programs.
  const step = Math.min(...evicted.map((p) => p.evicted!));
  const alive = programs
    .filter((p) => p.birth <= step && (p.evicted === null || p.evicted > step))
    .map((p) => p.id);
  const ghosts = programs
    .filter((p) => p.birth <= step && p.evicted !== null && p.evicted <= step)
    .map((p) => p.id);
  const unborn = programs.filter((p) => p.birth > step);
  expect(unborn.length).toBeGreaterThan(0);

  await openPage(page, `/runs/${runId}/lineage`);
  await expect(graph(page)).toHaveAttribute("data-nodes", String(programs.length));
  await page.getByRole("slider", { name: "Replay step" }).fill(String(step));
  await expect(page.getByTestId("replay-step")).toHaveText(String(step));
  await expect(page.getByTestId("population-count")).toHaveText(
    `${alive.length} in the pool at step ${step}`,
  );
  const ids = async (state: string) =>
    (
      await graph(page)
        .locator(`[data-state="${state}"]`)
        .evaluateAll((els) =>
          els.map((e) => Number(e.getAttribute("data-testid")!.replace("lineage-node-", ""))),
        )
    ).sort((a, b) => a - b);
  expect(await ids("alive")).toEqual(alive);
  expect(await ids("ghost")).toEqual(ghosts);
  await expect(page.getByTestId(`lineage-node-${unborn[0]!.id}`)).toHaveCount(0);
  await expect(graph(page)).toHaveAttribute("data-layout-count", "1");
});

test("the ratings chart shows μ ± kσ bands, the leaderboard every program, the strip ranks", async ({
  page,
}) => {
  await openPage(page, `/runs/${runId}/ratings`);
  const chart = page.getByTestId("ratings-chart");
  await expect(chart.locator("path.recharts-area-area").first()).toBeVisible();
  expect(await chart.locator("path.recharts-area-area").count()).toBe(Math.min(10, programs.length));
  await expect(page.getByTestId("leaderboard").locator("tbody tr")).toHaveCount(programs.length);
  await expect(page.getByTestId("rank-strip").locator("tbody td").first()).toBeVisible();
  // Choosing one more program adds its band (fetched through the ratings route).
  if (programs.length > 10) {
    const unchecked = page.getByTestId("leaderboard").getByRole("checkbox", { checked: false }).first();
    await unchecked.check();
    await expect(chart.locator("path.recharts-area-area")).toHaveCount(11);
  }
});
