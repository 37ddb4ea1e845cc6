import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

// Crossover attempted every step and a pool of 4, so the run both crosses over and evicts. The seed fixes
// the simulated run (whether a crossover happens depends on which set wins which problem outright).
const CONFIG = {
  seed: 5,
  dataset_size: 24,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 3,
  max_pool_size: 4,
  choose_from_most_recent: 4,
  crossover_prob: 1,
};

let runId: string;

const one = <T>(sql: string, params: unknown[]) =>
  withDb(async (db) => (await db.query(sql, params)).rows[0] as T);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  runId = await makeRun(`prompts ${randomUUID().slice(0, 8)}`, CONFIG);
  await waitForCompleted([runId], 170_000);
  const counts = await one<{ crossovers: number; evicted: number }>(
    `SELECT (SELECT count(*)::int FROM evolution_events WHERE run_id = $1 AND kind = 'crossover' AND child_id IS NOT NULL) AS crossovers,
            (SELECT count(*)::int FROM programs WHERE run_id = $1 AND evicted_at_step IS NOT NULL) AS evicted`,
    [runId],
  );
  expect(counts.crossovers).toBeGreaterThan(0);
  expect(counts.evicted).toBeGreaterThan(0);
});

async function childOf(kind: "mutation" | "crossover") {
  return one<{ event_id: number; program_id: number; parent_id: number }>(
    `SELECT e.id AS event_id, p.program_id, e.parent_program_ids[1] AS parent_id
     FROM evolution_events e JOIN programs p ON p.id = e.child_id
     WHERE e.run_id = $1 AND e.kind = $2::evolution_kind AND e.step < 90 ORDER BY e.step DESC, e.id DESC LIMIT 1`,
    [runId, kind],
  );
}

const XSS = `<img src=x onerror="window.__xss = 1"> Bound the answer before guessing.`;

test("diff two programs: added, removed and modified principles, rendered as inert text", async ({
  page,
}) => {
  // A parent from the run with two principles, and a child written the way the runner stores a mutation:
  // G0 reworded by the revision plan, the others dropped, and a critique addition carrying HTML.
  const parent = await one<{ program_id: number; principles: { id: string; text: string }[]; id: number }>(
    `SELECT id, program_id, principles FROM programs
     WHERE run_id = $1 AND jsonb_array_length(principles) >= 2 ORDER BY program_id DESC LIMIT 1`,
    [runId],
  );
  const reworded = `${parent.principles[0]!.text} Then check the result twice.`;
  const childId = 10_000;
  const eventId = await withDb(async (db) => {
    const { rows } = await db.query(
      `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
       VALUES ($1, $2, $3, 'mutation', 99, 25, 8) RETURNING id`,
      [
        runId,
        childId,
        JSON.stringify([
          { id: "G0", text: reworded },
          { id: "G1", text: XSS },
        ]),
      ],
    );
    const childRow = rows[0].id as number;
    await db.query(
      `INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order) VALUES ($1, $2, $3, 'mutation', 0)`,
      [runId, parent.id, childRow],
    );
    const event = await db.query(
      `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, child_id, details)
       VALUES ($1, 99, 'mutation', 'ok', $2, $3, $4) RETURNING id`,
      [
        runId,
        [parent.program_id],
        childRow,
        JSON.stringify({
          outcome: "child_created",
          preRenumberPrinciples: [
            ["G0", reworded],
            ["C0", XSS],
          ],
          critiqueOperations: [
            [{ operation: "add", principle: XSS, evidence: "Q.2 failed without a bound" }],
          ],
          revisionPlan: [{ operation: "modify", modified_from: "G0", principle: reworded }],
        }),
      ],
    );
    return event.rows[0].id as number;
  });

  await openPage(page, `/runs/${runId}/prompts?a=${parent.program_id}&b=${childId}`);
  await expect(page.getByTestId("diff-summary")).toContainText(
    `1 added · ${parent.principles.length - 1} removed · 1 modified · 0 merged · 0 unchanged`,
  );
  await expect(page.getByTestId("diff-summary")).toContainText(
    `aligned by provenance through #${parent.program_id}`,
  );
  await expect(page.getByTestId("diff-row-removed").first()).toContainText(parent.principles[1]!.text);
  await expect(page.getByTestId("diff-row-modified").locator("ins")).toContainText("check the result twice");
  const added = page.getByTestId("diff-row-added");
  await expect(added).toContainText(XSS);
  // The markup is text: no element was created and its handler never ran.
  await expect(added.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The added principle's provenance names the event, the operation and its evidence.
  await openPage(page, `/runs/${runId}/prompts?program=${childId}`);
  // Only the visible principle: a hidden copy of the streamed page can stand beside it for a moment.
  const g1 = page.getByTestId("principle-G1").filter({ visible: true });
  await expect(g1.getByTestId("provenance-line")).toContainText("added in");
  await expect(g1.getByTestId("provenance-evidence")).toHaveText("Evidence: Q.2 failed without a bound");
  await expect(g1.getByTestId("provenance-event")).toHaveAttribute(
    "href",
    `/runs/${runId}/evolution?event=${eventId}`,
  );
  await expect(g1.locator("img")).toHaveCount(0);
});

test("search principles on the server and follow a principle's provenance to its event", async ({ page }) => {
  const newest = await childOf("mutation");
  const word = await one<{ w: string }>(
    `SELECT substring(principles->0->>'text' from '[A-Za-z]{6,}') AS w FROM programs WHERE run_id = $1 AND program_id = $2`,
    [runId, newest.program_id],
  );
  await openPage(page, `/runs/${runId}/prompts`);
  await page.getByRole("link", { name: "Prompts" }).waitFor();
  await page.getByLabel("Search principles").fill(word.w);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word.w}`));
  // The search is a plain GET form: a full page load whose streamed content sits in a hidden copy until
  // React reveals it, so look for the visible link once the new page has hydrated.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByTestId(`program-${newest.program_id}`).filter({ visible: true })).toBeVisible();
  await page.getByLabel("Search principles").fill("zzqx-no-such-principle");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByTestId("program-count").filter({ visible: true })).toHaveText(/^0 programs/);

  await openPage(page, `/runs/${runId}/prompts?program=${newest.program_id}&principle=G0`);
  const steps = page.getByTestId("history-step");
  await expect(steps.first()).toBeVisible();
  await expect(page.getByTestId("history-end")).toHaveText(/introduced|root program/);
  const origin = steps.last().getByTestId("provenance-event");
  const href = await origin.getAttribute("href");
  const eventId = Number(/event=(\d+)/.exec(href ?? "")?.[1]);
  await origin.click();
  await expect(page).toHaveURL(new RegExp(`/evolution\\?event=${eventId}$`));
  await expect(page.getByTestId("event-chain")).toContainText(`event #${eventId}`);
  const made = await one<{ program_id: number }>(
    `SELECT p.program_id FROM evolution_events e JOIN programs p ON p.id = e.child_id WHERE e.id = $1`,
    [eventId],
  );
  await expect(page.getByTestId("stage-child")).toContainText(`#${made.program_id}`);
});

test("the reflection chain of a mutation child shows each stage, texts on demand", async ({ page }) => {
  const child = await childOf("mutation");
  await openPage(page, `/runs/${runId}/evolution?child=${child.program_id}`);
  for (const stage of ["parent", "rollouts", "summaries", "critiques", "revision", "child"])
    await expect(page.getByTestId(`stage-${stage}`)).toBeVisible();
  await expect(page.getByTestId("stage-parent")).toContainText(`#${child.parent_id}`);
  await expect(page.getByTestId("stage-rollouts")).toContainText("correct");
  const revision = page.getByTestId("stage-revision");
  const toggle = revision.getByRole("button", { name: /Show prompt and reply|Hide texts/ });
  // Texts are fetched on demand: a call that went well stays closed until asked.
  if ((await toggle.getAttribute("aria-expanded")) === "false") {
    await expect(revision.getByTestId("raw-reply")).toHaveCount(0);
    await toggle.click();
  }
  await expect(revision.getByTestId("raw-reply")).toContainText(/\S/);
  await expect(page.getByTestId("stage-child")).toContainText(`#${child.program_id}`);
});

test("the reflection chain of a crossover child shows winners, the exchange and the operations", async ({
  page,
}) => {
  const child = await childOf("crossover");
  await openPage(page, `/runs/${runId}/evolution?child=${child.program_id}`);
  await expect(page.getByTestId("stage-winners")).toContainText("Q.0");
  await expect(page.getByTestId("stage-winners")).toContainText("Set A");
  const exchange = page.getByTestId("stage-crossover-call");
  await exchange.getByRole("button", { name: "Show prompt and reply" }).click();
  await expect(exchange).toContainText("Principle Set A");
  await expect(page.getByTestId("stage-operations")).toBeVisible();
  await expect(page.getByTestId("stage-child")).toContainText(`#${child.program_id}`);
});

test("a failed, unparseable reply shows its raw text and the error", async ({ page }) => {
  const raw = "I would rather explain in prose. {not json";
  const error = "TypeError: object of type 'int' has no len()";
  const eventId = await withDb(async (db) => {
    const { rows } = await db.query(
      `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, error, details)
       VALUES ($1, 98, 'crossover', 'failed', '{0,1}', $2, '{"outcome":"failed","winners":[]}') RETURNING id`,
      [runId, error],
    );
    await db.query(
      `INSERT INTO llm_calls (event_id, ordinal, purpose, prompt, raw_reply, parsed_operations, error)
       VALUES ($1, 0, 'crossover', 'the prompt', $2, '[]', $3)`,
      [rows[0].id, raw, error],
    );
    return rows[0].id as number;
  });
  await openPage(page, `/runs/${runId}/evolution?status=failed`);
  await expect(page.getByTestId(`event-${eventId}`)).toBeVisible();
  await page.getByTestId(`event-${eventId}`).click();
  await expect(page.getByTestId("event-error")).toHaveText(error);
  const call = page.getByTestId("llm-call-0");
  await expect(call.getByTestId("call-error")).toHaveText(`Error: ${error}`);
  await expect(call.getByTestId("call-empty")).toBeVisible();
  // Opened by itself: the raw text is on the page beside the error.
  await expect(call.getByTestId("raw-reply")).toContainText(raw);
});
