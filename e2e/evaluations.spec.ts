import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { startSimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

let runId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  runId = await makeRun(`eval ${randomUUID().slice(0, 8)}`, { batch_size: 4, n_epochs: 1 });
  await waitForCompleted([runId], 90_000);
});

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`;

test("launch an evaluation in the browser, watch it fill in, read the grid, decomposition and flips", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openPage(page, `/runs/${runId}/evaluations`);
  await expect(page.getByText("No evaluations of this run yet.")).toBeVisible();
  await page.getByLabel("Samples per problem").fill("2");
  await page.getByRole("button", { name: "Evaluate" }).click();
  const progress = page.getByRole("region", { name: "Evaluation" }).getByTestId("evaluation-progress");
  await expect(progress).toContainText("completed", { timeout: 60_000 });

  const cells = await withDb(
    async (db) =>
      (
        await db.query<{ label: string; program: number; pass1: number; n: number }>(
          `SELECT c.checkpoint_label AS label, c.program_id AS program, (c.metrics->>'Pass@1')::float8 AS pass1, c.n
             FROM evaluation_cells c JOIN evaluation_jobs j ON j.id = c.evaluation_id
            WHERE j.run_id = $1 ORDER BY c.position`,
          [runId],
        )
      ).rows,
  );
  expect(cells.length).toBeGreaterThanOrEqual(2);
  for (const cell of cells) {
    const shown = page.getByTestId(`cell-${cell.label}-${cell.program}`);
    await expect(shown).toContainText(cell.pass1.toFixed(3));
    await expect(shown).toContainText(`n = ${cell.n}`);
  }
  // Weights only = mean reward of final + root minus base + root (same problems, same samples each).
  const weights = await withDb(
    async (db) =>
      (
        await db.query<{ d: number }>(
          `SELECT (avg(s.reward) FILTER (WHERE c.checkpoint_label = 'final')
                 - avg(s.reward) FILTER (WHERE c.checkpoint_label = 'base'))::float8 AS d
             FROM evaluation_samples s JOIN evaluation_cells c ON c.id = s.cell_id
             JOIN evaluation_jobs j ON j.id = s.evaluation_id
            WHERE j.run_id = $1 AND c.program_id = 0`,
          [runId],
        )
      ).rows[0]!.d,
  );
  await expect(page.getByTestId("effect-weightsOnly")).toHaveText(signed(weights));
  const flips = page.getByTestId("flips");
  await expect(flips).toContainText("problems gained");
  // Open a flip (when the grid has one): the two cells' samples of that problem, side by side, as stored.
  const flip = flips.getByRole("button", { name: /problem \d+/ }).first();
  if ((await flips.getByRole("button").count()) > 0) {
    const problem = Number(/problem (\d+)/.exec((await flip.textContent())!)![1]);
    await flip.click();
    // Its rewards, as shown, are those stored for that problem in the grid's cells.
    const stored = await withDb(async (db) =>
      (
        await db.query<{ reward: number }>(
          `SELECT s.reward FROM evaluation_samples s JOIN evaluation_jobs j ON j.id = s.evaluation_id
              WHERE j.run_id = $1 AND s.problem_index = $2`,
          [runId, problem],
        )
      ).rows.map((r) => r.reward),
    );
    const items = page.getByRole("region", { name: `Problem ${problem}` }).getByRole("listitem");
    await expect(items).toHaveCount(2 * 2); // two cells × two samples
    for (const text of await items.allTextContents()) {
      const reward = Number(/reward ([\d.]+)/.exec(text)![1]);
      expect(stored).toContain(reward);
    }
  }
});

test("a transfer to another saved backend adds its model as a row of the same grid", async ({ page }) => {
  test.setTimeout(120_000);
  // The workers beside the server sample the transfer row from this simulated OpenAI-compatible server.
  const server = await startSimOpenAIServer({ seed: 3 });
  try {
    const name = `sim transfer ${randomUUID().slice(0, 6)}`;
    await withDb((db) =>
      db.query(
        `INSERT INTO model_backends (id, project_id, name, kind, base_url, models, updated_at)
         SELECT $1, project_id, $2, 'openai_compatible', $3, $4, now() FROM runs WHERE id = $5`,
        [randomUUID(), name, server.baseUrl, { policy: "sim-policy", reflection: "sim-reflection" }, runId],
      ),
    );
    await openPage(page, `/runs/${runId}/evaluations`);
    await page.getByLabel("Checkpoints").fill("final");
    await page.getByLabel("Programs").fill("best");
    await page.getByLabel("Samples per problem").fill("1");
    await page.getByLabel("Problems (max)").fill("4");
    await page.getByLabel("Also on backend").selectOption(name);
    await page.getByRole("button", { name: "Evaluate" }).click();
    const region = page.getByRole("region", { name: "Evaluation" });
    await expect(region.getByTestId("evaluation-progress")).toContainText("completed · cells 2/2", {
      timeout: 60_000,
    });
    const cells = await withDb(
      async (db) =>
        (
          await db.query<{ label: string; program: number; pass1: number; n: number }>(
            `SELECT c.checkpoint_label AS label, c.program_id AS program,
                    (c.metrics->>'Pass@1')::float8 AS pass1, c.n
               FROM evaluation_cells c
              WHERE c.evaluation_id = (SELECT id FROM evaluation_jobs WHERE run_id = $1
                                        ORDER BY created_at DESC LIMIT 1)
              ORDER BY c.position`,
            [runId],
          )
        ).rows,
    );
    expect(cells.map((c) => c.label)).toEqual(["final", `model: ${name}`]);
    for (const cell of cells) {
      const shown = page.getByTestId(`cell-${cell.label}-${cell.program}`);
      await expect(shown).toContainText(cell.pass1.toFixed(3));
      await expect(shown).toContainText(`n = ${cell.n}`);
    }
    await expect(page.getByTestId("transfer-note")).toContainText(
      `model: ${name}: another model, none of this run's weights`,
    );
    expect(server.stats().byPath["/v1/chat/completions"] ?? 0).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
});
