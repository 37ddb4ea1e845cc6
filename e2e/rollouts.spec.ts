import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun } from "./make-run";
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
  await expect
    .poll(
      () =>
        withDb(
          async (db) => (await db.query("SELECT status FROM runs WHERE id = $1", [runId])).rows[0]?.status,
        ),
      { timeout: 120_000 },
    )
    .toBe("completed");
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
