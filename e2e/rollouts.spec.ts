import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

// One finished simulated run, made through the product, for every test of this file.
test.describe.configure({ mode: "serial" });
let runId: string;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  runId = await makeRun(`rollouts ${randomUUID().slice(0, 8)}`, {
    batch_size: 4,
    n_epochs: 1,
    crossover_prob: 1,
  });
  await waitForCompleted([runId], 120_000);
});

/** The list's count line for n matches: counted up to 10,000, then "10,000+". */
const countLine = (n: number) =>
  new RegExp(
    `^${n > 10_000 ? "10,000\\+" : n.toLocaleString("en-US")} (\\(counted up to 10,000\\) )?matching`,
  );

const count = (sql: string, params: unknown[]) =>
  withDb(async (db) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n));

test("head-to-head counts match the database and a cell opens exactly its rollouts", async ({ page }) => {
  const step = 1;
  await openPage(page, `/runs/${runId}/head-to-head?step=${step}`);
  await expect(page.getByRole("heading", { name: /Head-to-head/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Head-to-head" })).toHaveAttribute("aria-current", "page");
  const expected = await withDb(async (db) => {
    const { rows } = await db.query<{ program_id: number; problem_index: number; n: number; k: number }>(
      `SELECT p.program_id, r.problem_index, count(*)::int AS n, count(*) FILTER (WHERE r.reward > 0)::int AS k
       FROM rollouts r JOIN programs p ON p.id = r.program_id
       WHERE r.run_id = $1 AND r.step = $2 AND r.split = 'train' GROUP BY 1, 2`,
      [runId, step],
    );
    return rows.map((r) => `${r.program_id}:${r.problem_index}:${r.k}/${r.n}`).sort();
  });
  expect(expected.length).toBeGreaterThan(0);
  const shown = await page
    .getByTestId("h2h-row")
    .evaluateAll((rows) =>
      rows.flatMap((row) =>
        [...row.querySelectorAll<HTMLElement>("[data-testid=h2h-cell]")].map(
          (cell) =>
            `${row.getAttribute("data-program")}:${cell.dataset.problemIndex}:${cell.querySelector("[data-testid=h2h-count]")!.textContent}`,
        ),
      ),
    );
  expect(shown.sort()).toEqual(expected);
  // At most one unique winner per problem.
  const winners = await page
    .locator("[data-testid=h2h-cell][data-winner=true]")
    .evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.problemIndex));
  expect(new Set(winners).size).toBe(winners.length);

  const cell = page.getByTestId("h2h-cell").first();
  const program = await cell.evaluate((c) => c.closest("tr")!.getAttribute("data-program"));
  const problemIndex = await cell.getAttribute("data-problem-index");
  const n = Number((await cell.getByTestId("h2h-count").textContent())!.split("/")[1]);
  await cell.click();
  await expect(page).toHaveURL(
    new RegExp(`/runs/${runId}/rollouts\\?step=${step}&program=${program}&problem=\\d+`),
  );
  await expect(page.getByTestId("rollout-count")).toHaveText(new RegExp(`^${n} matching rollouts`));
  const rows = page.getByTestId("rollout-row");
  await expect(rows).toHaveCount(n);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain(`step ${step} · train`);
    expect(text).toContain(`program #${program} · Q${problemIndex} `);
  }

  // Opening a row puts it in the URL; ↓ moves to the next one.
  await rows.first().click();
  const firstId = await rows.first().getAttribute("data-rollout-id");
  await expect(page).toHaveURL(new RegExp(`rollout=${firstId}`));
  await expect(page.getByTestId("rollout-detail")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  const secondId = await rows.nth(1).getAttribute("data-rollout-id");
  await expect(page).toHaveURL(new RegExp(`rollout=${secondId}`));
  await expect(page.getByRole("article", { name: `Rollout ${secondId}` })).toBeVisible();
});

test("rollout filters narrow the list to what the database holds, held in the URL", async ({ page }) => {
  await openPage(page, `/runs/${runId}/rollouts`);
  const total = await count("SELECT count(*) n FROM rollouts WHERE run_id = $1", [runId]);
  const countText = page.getByTestId("rollout-count");
  await expect(countText).toHaveText(countLine(total));

  // Narrowest first, so every count below is exact (under the list's 10,000 cap).
  await page.getByLabel("Step").fill("2");
  await page.getByLabel("Step").press("Enter");
  await expect(page).toHaveURL(/step=2/);
  const atStep = await count("SELECT count(*) n FROM rollouts WHERE run_id = $1 AND step = 2", [runId]);
  expect(atStep).toBeLessThan(10_000);
  await expect(countText).toHaveText(countLine(atStep));

  await page.getByLabel("Split").selectOption("test");
  await expect(page).toHaveURL(/split=test/);
  const test = await count(
    "SELECT count(*) n FROM rollouts WHERE run_id = $1 AND step = 2 AND split = 'test'",
    [runId],
  );
  await expect(countText).toHaveText(countLine(test));
  await expect(page.getByTestId("rollout-row").first()).toContainText("step 2 · test");

  await page.getByLabel("Correct").selectOption("yes");
  await expect(page).toHaveURL(/correct=yes/);
  const correct = await count(
    "SELECT count(*) n FROM rollouts WHERE run_id = $1 AND step = 2 AND split = 'test' AND reward > 0",
    [runId],
  );
  expect(correct).toBeLessThan(test);
  await expect(countText).toHaveText(countLine(correct));
  for (const badge of await page.getByTestId("rollout-correct").allTextContents())
    expect(badge).toMatch(/^✓/);

  // The URL alone restores the same view.
  await page.reload();
  await expect(countText).toHaveText(countLine(correct));
  await expect(page.getByLabel("Split")).toHaveValue("test");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(countText).toHaveText(countLine(total));
});

/** Adds a rollout with this completion to the run (a copy of one of its test rollouts) and returns its id. */
async function insertRollout(completion: string, problemIndex: number): Promise<string> {
  return withDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO rollouts (run_id, step, split, slot, program_id, problem_id, problem_index, sample_index, reward,
         completion_chars, extracted_answer)
       SELECT run_id, step, split, slot, program_id, problem_id, $2, 0, 0, $3, 'x'
       FROM rollouts WHERE run_id = $1 AND split = 'test' ORDER BY id LIMIT 1
       RETURNING id::text`,
      [runId, problemIndex, completion.length],
    );
    await db.query("INSERT INTO rollout_texts (rollout_id, completion) VALUES ($1, $2)", [
      rows[0]!.id,
      completion,
    ]);
    return rows[0]!.id;
  });
}

test("a hostile completion renders inert; LaTeX renders as KaTeX", async ({ page }) => {
  const id = await insertRollout(
    [
      "Let me think. <script>window.__xss = 'script'</script>",
      '<img src="/nope.png" onerror="window.__xss = \'img\'">',
      "[click](javascript:window.__xss='link')",
      "So $\\frac{1}{2} + x^2$ and",
      "$$\n\\int_0^1 t\\,dt = \\frac{1}{2}\n$$",
    ].join("\n\n"),
    9001,
  );
  await openPage(page, `/runs/${runId}/rollouts?rollout=${id}`);
  const completion = page.getByTestId("completion");
  await expect(completion.locator(".katex").first()).toBeVisible();
  await expect(completion.locator(".katex-display")).toHaveCount(1);
  await expect(completion.locator(".katex-display .katex-mathml math")).toHaveCount(1);
  // The markup is shown as text, and nothing of it became an element.
  await expect(completion).toContainText("<script>window.__xss = 'script'</script>");
  await expect(page.locator("img[onerror]")).toHaveCount(0);
  await expect(completion.locator("script, img, iframe")).toHaveCount(0);
  await expect(completion.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
});

test("a long completion is virtualised: only the blocks in view are in the DOM", async ({ page }) => {
  const blocks = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: the sum is $${i} + 1 = ${i + 1}$.`);
  const id = await insertRollout(blocks.join("\n\n"), 9002);
  await openPage(page, `/runs/${runId}/rollouts?rollout=${id}`);
  const box = page.getByTestId("virtual-completion");
  await expect(box.getByText("Paragraph 0:")).toBeVisible();
  const rendered = await box.locator("[data-index]").count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);
  await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(box.getByText("Paragraph 399:")).toBeVisible();
});

test("search narrows the list to what the database holds, hits marked; prompt collapsed", async ({
  page,
}) => {
  const words = "The zeugmas kept stacking <b>zeugma</b> upon zeugma.";
  const hit = await insertRollout(words, 9003);
  await insertRollout("A plain text without the word.", 9004);
  await openPage(page, `/runs/${runId}/rollouts`);
  await page.getByLabel("Search completions").fill("zeugma");
  // The search is applied after a pause, into the URL, ranked by match.
  await expect(page).toHaveURL(/\?q=zeugma&sort=match$/);
  const expected = await count(
    `SELECT count(*) n FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id
     WHERE r.run_id = $1 AND t.search @@ websearch_to_tsquery('english', $2)`,
    [runId, "zeugma"],
  );
  expect(expected).toBe(1);
  await expect(page.getByTestId("rollout-count")).toHaveText(countLine(expected));
  const row = page.getByTestId("rollout-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-rollout-id", hit);
  // Each stemmed hit is a <mark>; the completion's tag never becomes an element.
  await expect(row.locator("mark")).toHaveText(["zeugmas", "zeugma", "zeugma"]);
  await expect(row.locator("b")).toHaveCount(0);
  await expect(page.getByTestId("rollout-snippet")).toContainText("upon zeugma");

  // A wordless search says so instead of failing.
  await page.getByLabel("Search completions").fill(`'&|!:(`);
  await page.getByLabel("Search completions").press("Enter");
  await expect(page.getByTestId("search-no-words")).toBeVisible();
  await expect(page.getByTestId("rollout-count")).toHaveText(countLine(0));

  // The completion comes first; the prompt is folded until asked for.
  await openPage(page, `/runs/${runId}/rollouts?rollout=${hit}`);
  await expect(page.getByTestId("completion")).toContainText("zeugmas kept stacking");
  const prompt = page.getByTestId("rollout-prompt");
  await expect(prompt).not.toHaveAttribute("open");
  await expect(prompt.getByRole("region", { name: "System prompt" })).toBeHidden();
  await prompt.locator("summary").click();
  await expect(prompt.getByRole("region", { name: "System prompt" })).toBeVisible();
});

test("sorts newest and best first show the database's order", async ({ page }) => {
  const firstIds = (order: string) =>
    withDb(async (db) =>
      (
        await db.query<{ id: string }>(
          `SELECT id::text FROM rollouts WHERE run_id = $1 ORDER BY ${order} LIMIT 8`,
          [runId],
        )
      ).rows.map((r) => r.id),
    );
  const keys = ["step", "split", "slot", "problem_index", "sample_index"];
  const cases: [string, string, string][] = [
    ["newest step first", "newest", keys.map((k) => `${k} DESC`).join(", ")],
    ["best reward first", "best", ["reward", ...keys].map((k) => `${k} DESC`).join(", ")],
  ];
  await openPage(page, `/runs/${runId}/rollouts`);
  for (const [label, value, order] of cases) {
    await page.getByLabel("Sort").selectOption({ label });
    await expect(page).toHaveURL(new RegExp(`sort=${value}`));
    const expected = await firstIds(order);
    await expect
      .poll(() =>
        page
          .getByTestId("rollout-row")
          .evaluateAll((rows) => rows.slice(0, 8).map((r) => r.getAttribute("data-rollout-id"))),
      )
      .toEqual(expected);
  }
});

test("search in critiques lists the run's matching critiques, marked, linked to their event", async ({
  page,
}) => {
  // A critique and a summary of the same event with the word: only the critique is searched.
  const event = await withDb(async (db) => {
    const { rows } = await db.query<{ id: number; step: number; parent: number }>(
      `SELECT id, step, parent_program_ids[1] AS parent FROM evolution_events
       WHERE run_id = $1 AND cardinality(parent_program_ids) > 0 ORDER BY step LIMIT 1`,
      [runId],
    );
    const e = rows[0]!;
    for (const [purpose, reply] of [
      ["mutation.critique", "The <i>quokkas</i> answer skipped the check; add a quokka principle."],
      ["mutation.summary", "A quokka summary, not a critique."],
    ])
      await db.query(
        `INSERT INTO llm_calls (event_id, ordinal, purpose, prompt, raw_reply)
         SELECT $1, coalesce(max(ordinal), 0) + 1, $2, 'prompt', $3 FROM llm_calls WHERE event_id = $1`,
        [e.id, purpose, reply],
      );
    return e;
  });
  const expected = await count(
    `SELECT count(*) n FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id
     WHERE e.run_id = $1 AND c.search @@ websearch_to_tsquery('english', $2)`,
    [runId, "quokka"],
  );
  expect(expected).toBe(1);

  await openPage(page, `/runs/${runId}/rollouts`);
  await page.getByLabel("Search in").selectOption("critiques");
  await page.getByLabel("Search critiques").fill("quokka");
  await expect(page).toHaveURL(/q=quokka/);
  await expect(page).toHaveURL(/in=critiques/);
  await expect(page.getByTestId("critique-count")).toHaveText(/^1 matching critiques/);
  const hit = page.getByTestId("critique-hit");
  await expect(hit).toHaveCount(1);
  await expect(hit.locator("mark")).toHaveText(["quokkas", "quokka"]);
  await expect(hit.locator("i")).toHaveCount(0);
  await expect(hit.getByTestId("critique-rollouts-link")).toHaveAttribute(
    "href",
    `/runs/${runId}/rollouts?step=${event.step}&program=${event.parent}`,
  );
  await hit.getByTestId("critique-event-link").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}/evolution\\?event=${event.id}$`));
  await expect(page.getByTestId("event-chain")).toHaveAttribute("aria-label", `Event ${event.id}`);
});
