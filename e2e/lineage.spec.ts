import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

// A small pool and frequent crossover, so a short run has crossover children and evicted programs. The seed
// is pinned: with a random one about a quarter of such runs never cross over (the coin is only the first
// condition), and the test then had nothing to click.
const CONFIG = {
  batch_size: 4,
  n_epochs: 1,
  dataset_size: 48,
  max_pool_size: 4,
  crossover_prob: 0.9,
  seed: 7,
};

interface ProgramRow {
  id: number;
  birth: number;
  evicted: number | null;
  origin: string;
  mu: number;
  sigma: number;
}

let runId: string;
let programs: ProgramRow[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  runId = await makeRun(`lineage ${randomUUID().slice(0, 8)}`, CONFIG);
  await waitForCompleted([runId], 120_000);
  programs = await withDb(
    async (db) =>
      (
        await db.query<ProgramRow>(
          `SELECT program_id AS id, birth_step AS birth, evicted_at_step AS evicted, origin::text AS origin,
                  mu, sigma
           FROM programs WHERE run_id = $1 ORDER BY program_id`,
          [runId],
        )
      ).rows,
  );
});

const graph = (page: Page) => page.getByTestId("lineage-graph");

/**
 * The opening view fits the whole graph only when its nodes stay readable; else it shows the best
 * region and a "Show all" button. Tests that click arbitrary nodes show all first.
 */
async function showAll(page: Page) {
  await expect(graph(page)).toHaveAttribute("data-fit", /^(all|focus)$/);
  const button = page.getByRole("button", { name: /^Show all/ });
  if ((await graph(page).getAttribute("data-fit")) === "focus") {
    await button.click();
    // The move is animated; its end writes the viewport into the URL. Hovering a node while it still
    // slides under the pointer would be flaky.
    await expect(page).toHaveURL(/[?&]zoom=/);
  }
  await expect(graph(page)).toHaveAttribute("data-fit", "all");
}

/** The best program at the last step, from the stored rows: the highest μ − 3σ in the pool. */
function storedBest(): ProgramRow {
  return programs
    .filter((p) => p.evicted === null)
    .reduce((a, b) => (b.mu - 3 * b.sigma > a.mu - 3 * a.sigma ? b : a));
}

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
  await showAll(page);
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
  // A handful by default (the top 5 by μ − 3σ), the rest one click away.
  expect(await chart.locator("path.recharts-area-area").count()).toBe(Math.min(5, programs.length));
  await expect(page.getByTestId("leaderboard").locator("tbody tr")).toHaveCount(programs.length);
  await expect(page.getByTestId("rank-strip").locator("tbody td").first()).toBeVisible();
  // Choosing one more program adds its band (fetched through the ratings route).
  if (programs.length > 5) {
    const unchecked = page.getByTestId("leaderboard").getByRole("checkbox", { checked: false }).first();
    await unchecked.check();
    await expect(chart.locator("path.recharts-area-area")).toHaveCount(6);
  }
});

test("scrubbed to a step, the graph and the leaderboard show μ and σ as of that step", async ({ page }) => {
  const evicted = programs.filter((p) => p.evicted !== null);
  const step = Math.min(...evicted.map((p) => p.evicted!));
  // Each program's last rating update by `step`, beside its final rating.
  const asOf = await withDb(
    async (db) =>
      (
        await db.query<{ id: number; mu: number; sigma: number; final_mu: number }>(
          `SELECT DISTINCT ON (p.program_id) p.program_id AS id, r.mu_after AS mu, r.sigma_after AS sigma,
                  p.mu AS final_mu
           FROM rating_updates r JOIN programs p ON p.id = r.program_id
           WHERE r.run_id = $1 AND r.step <= $2 ORDER BY p.program_id, r.step DESC`,
          [runId, step],
        )
      ).rows,
  );
  const alive = new Set(
    programs.filter((p) => p.birth <= step && (p.evicted === null || p.evicted > step)).map((p) => p.id),
  );
  const target = asOf.find((r) => alive.has(r.id) && r.mu.toFixed(2) !== r.final_mu.toFixed(2));
  expect(target, "a program alive at the step whose μ changed later").toBeDefined();

  await openPage(page, `/runs/${runId}/lineage`);
  await page.getByRole("slider", { name: "Replay step" }).fill(String(step));
  await expect(page.getByTestId("replay-step")).toHaveText(String(step));
  await expect(page.getByTestId("replay-ratings-note")).toHaveCount(0);
  await showAll(page);
  await page.getByTestId(`lineage-node-${target!.id}`).hover();
  await expect(page.getByTestId("lineage-hover")).toContainText(
    `μ ${target!.mu.toFixed(2)} · σ ${target!.sigma.toFixed(2)}`,
  );

  await openPage(page, `/runs/${runId}/ratings`);
  await page.getByRole("slider", { name: "Leaderboard at step" }).fill(String(step));
  await expect(page.getByTestId("leaderboard-step")).toHaveText(String(step));
  const born = programs.filter((p) => p.birth <= step).length;
  await expect(page.getByTestId("leaderboard").locator("tbody tr")).toHaveCount(born);
  await expect(page.getByTestId("leaderboard")).toContainText(target!.mu.toFixed(2));
});

test("at the opening view the best program is labelled and nodes are readable; zoom to best", async ({
  page,
}) => {
  const best = storedBest();
  await openPage(page, `/runs/${runId}/lineage`);
  await expect(graph(page)).toHaveAttribute("data-fit", /^(all|focus)$/);
  const label = page.getByTestId(`lineage-label-${best.id}`);
  await expect(label).toHaveText(`#${best.id} μ ${best.mu.toFixed(2)}`);
  // Every node drawn in view is at least 24 px across (the smallest node at the opening zoom).
  const box = graph(page);
  const sizes = await box.locator("[data-testid^=lineage-node-]").evaluateAll(
    (els, frame) => {
      const f = frame!.getBoundingClientRect();
      return els
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.right > f.left && r.left < f.right && r.bottom > f.top && r.top < f.bottom)
        .map((r) => r.width);
    },
    await box.elementHandle(),
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(23.5);

  // Shown whole (small nodes), then back to the best program: its label is in view again.
  await showAll(page);
  await page.getByRole("button", { name: `Zoom to best (#${best.id})` }).click();
  await expect(label).toBeInViewport();
  await expect(label).toHaveText(`#${best.id} μ ${best.mu.toFixed(2)}`);
  // The zoom is animated (300 ms): the label can be in view before the zoom has reached its end.
  const bestNode = page.getByTestId(`lineage-node-${best.id}`);
  await expect.poll(async () => (await bestNode.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(23.5);
});

test("selection, replay step and viewport survive a reload through the URL", async ({ page }) => {
  const child = programs.find((p) => p.origin === "crossover")!;
  const step = Math.max(child.birth, 0);
  await openPage(page, `/runs/${runId}/lineage`);
  const history = await page.evaluate(() => window.history.length);
  await page.getByRole("slider", { name: "Replay step" }).fill(String(step));
  await expect(page.getByTestId("replay-step")).toHaveText(String(step));
  await page.getByLabel("Search programs by id or principle text").fill(`#${child.id}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const panel = page.getByTestId("lineage-panel");
  await expect(panel.getByRole("heading", { name: `Program #${child.id}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]program=${child.id}(&|$)`));
  await expect(page).toHaveURL(new RegExp(`[?&]step=${step}(&|$)`));
  // The pan to the program lands in the URL as the viewport's centre and zoom.
  await expect(page).toHaveURL(/[?&]zoom=[\d.]+/);

  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByTestId("replay-step")).toHaveText(String(step));
  await expect(panel.getByRole("heading", { name: `Program #${child.id}` })).toBeVisible();
  await expect(page.getByTestId(`lineage-node-${child.id}`)).toHaveAttribute("data-emphasis", "selected");
  // Restored, not refitted: the selected program is in view.
  await expect(page.getByTestId(`lineage-node-${child.id}`)).toBeInViewport();
  // Writing the URL replaced the entry each time: no history entry per click or pan.
  expect(await page.evaluate(() => window.history.length)).toBe(history);

  // Closing the panel clears the selection from the URL.
  await panel.getByRole("button", { name: "Close panel" }).click();
  await expect(page).not.toHaveURL(/[?&]program=/);
});

test("the hover card closes when the pointer leaves the node or the graph, and on Escape", async ({
  page,
}) => {
  const best = storedBest();
  await openPage(page, `/runs/${runId}/lineage`);
  const node = page.getByTestId(`lineage-node-${best.id}`);
  const card = page.getByTestId("lineage-hover");
  await node.hover();
  await expect(card).toContainText(`#${best.id}`);
  // Out of the graph altogether (onto the page heading).
  await page.getByRole("heading", { name: /^Lineage/ }).hover();
  await expect(card).toHaveCount(0);
  await node.hover();
  await expect(card).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card).toHaveCount(0);
});

test("keyboard: tab to the graph, arrows move between programs, Enter selects, Escape clears", async ({
  page,
}) => {
  const best = storedBest();
  await openPage(page, `/runs/${runId}/lineage`);
  // The graph is one tab stop after the replay slider's neighbours: tab until it has the focus.
  await page.getByRole("slider", { name: "Replay step" }).focus();
  for (let i = 0; i < 10 && !(await graph(page).evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(graph(page)).toBeFocused();
  const active = graph(page).locator("[data-active]");
  // Starts on the best program.
  await expect(active).toHaveAttribute("data-testid", `lineage-node-${best.id}`);
  const up = best.birth > -1;
  await page.keyboard.press(up ? "ArrowUp" : "ArrowDown");
  await expect(active).not.toHaveAttribute("data-testid", `lineage-node-${best.id}`);
  const moved = Number((await active.getAttribute("data-testid"))!.replace("lineage-node-", ""));
  // Up goes to an earlier layer (born before the best program), down to a later one.
  const born = programs.find((p) => p.id === moved)!.birth;
  if (up) expect(born).toBeLessThan(best.birth);
  else expect(born).toBeGreaterThan(best.birth);
  // The keyboard's node is labelled with its stored rating.
  const m = programs.find((p) => p.id === moved)!;
  await expect(page.getByTestId(`lineage-label-${moved}`)).toHaveText(`#${moved} μ ${m.mu.toFixed(2)}`);
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("lineage-panel");
  await expect(panel.getByRole("heading", { name: `Program #${moved}` })).toBeVisible();
  await expect(page.getByTestId(`lineage-node-${moved}`)).toHaveAttribute("data-emphasis", "selected");
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
});
