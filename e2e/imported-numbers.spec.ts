/**
 * Every number the overview shows for an imported reference run traces to its files: both public runs
 * are uploaded as the dashboard's users do, then for every step the chart data (the overview's series)
 * and the "Values per step" table are compared with line `step` of metrics.jsonl (which restarts `step`
 * every epoch: line i is global step i) and with metrics recomputed here from the step's rollout files.
 * The header says where the run comes from, with elapsed time from time/total and the seed not recorded.
 */
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isPanelMetric } from "@/lib/view/charts/metric-panels";
import { join } from "node:path";
import { formatDuration } from "@/lib/domain/runs/run-progress";
import { withDb } from "./db";
import { openPage } from "./open-page";

const FIXTURES = join(process.cwd(), "lib/espl/testdata/reference-runs");
type Line = Record<string, number>;

const readJsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Unbiased pass@k of n samples with c correct, written out here rather than taken from the engine. */
function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let none = 1;
  for (let i = n - c + 1; i <= n; i++) none *= 1 - k / i;
  return 1 - none;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** What a step's rollout files say: train mean reward, test mean reward and Pass@1..T. */
function recompute(experimentDir: string, step: number, testGroup: number): Line {
  const dir = join(experimentDir, `step_${step}`);
  const train = readdirSync(dir)
    .filter((n) => n.startsWith("sampled_program_"))
    .flatMap((slot) => readJsonl(join(dir, slot, "rollout.jsonl")).map((r) => r.reward as number));
  const test = readJsonl(join(dir, "test_rollout.jsonl"));
  const correct = new Map<number, number>();
  for (const r of test) {
    const problem = Math.floor((r.runid as number) / testGroup);
    correct.set(problem, (correct.get(problem) ?? 0) + (r.reward as number));
  }
  const out: Line = {
    "rollout/Agg_avg_reward": mean(train),
    "testing/eval_avg_reward": mean(test.map((r) => r.reward as number)),
  };
  for (let k = 1; k <= testGroup; k++)
    out[`testing/Pass@${k}`] = mean([...correct.values()].map((c) => passAtK(testGroup, c, k)));
  return out;
}

async function upload(page: Page, run: string): Promise<string> {
  const archive = join(mkdtempSync(join(tmpdir(), "espl-e2e-numbers-")), `${run}.tar.gz`);
  execFileSync("tar", ["-czf", archive, run], { cwd: FIXTURES });
  await openPage(page, "/runs/import");
  await page.getByLabel("Project").selectOption({ label: "E2E numbers" });
  await page.getByLabel(/^Archive/).setInputFiles(archive);
  await page.getByLabel(/^Name/).fill(`numbers ${run}`);
  await page.getByRole("button", { name: "Import" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Imported a new run", { timeout: 60_000 });
  await expect(page.getByTestId("import-clean")).toBeVisible();
  await result.getByRole("link", { name: "open the run" }).click();
  await expect(page.getByRole("heading", { name: `numbers ${run}` })).toBeVisible();
  return /\/runs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test.beforeAll(async () => {
  await withDb((db) =>
    db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'E2E numbers', 'e2e-numbers', now())
       ON CONFLICT DO NOTHING`,
    ),
  );
});

for (const run of ["evolution_rl_lucb_seed109", "rl_seed302"])
  test(`${run}: every step's charted and tabled values are its metrics.jsonl line and its rollout files`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const logDir = join(FIXTURES, run, "tinker-examples", run);
    const experimentDir = join(FIXTURES, run, "data/math/train", run);
    const lines = readJsonl(join(logDir, "metrics.jsonl")) as Line[];
    const config = JSON.parse(readFileSync(join(logDir, "config.json"), "utf8")) as Record<string, unknown>;
    const runId = await upload(page, run);

    // The header: where the numbers come from; nothing unrecorded shown as a zero.
    await expect(page.getByTestId("run-source")).toHaveText("imported from the reference script");
    await expect(page.getByTestId("run-model")).toContainText(String(config.model_name));
    await expect(page.getByTestId("run-backend")).toContainText("Tinker");
    await expect(page.getByTestId("run-seed")).toHaveText("seed: not recorded");
    const seconds = lines.reduce((sum, l) => sum + l["time/total"]!, 0);
    await expect(page.getByTestId("run-progress")).toContainText(
      `step ${lines.length} / ${lines.length} · elapsed ${formatDuration(seconds * 1000)} (time/total)`,
    );

    // Chart data: the series the overview's charts are drawn from (one bucket per step at this length).
    const reply = await page.request.get(`/api/runs/${runId}/overview`);
    expect(reply.ok()).toBe(true);
    const overview = (await reply.json()) as {
      bucketWidth: number;
      series: Record<string, { step: number; last: number }[]>;
    };
    expect(overview.bucketWidth).toBe(1);
    // Every panel's metrics (train, test, optimizer, usage, time) that the file logs.
    const charted = Object.keys(lines[0]!).filter(isPanelMetric);
    expect(Object.keys(overview.series).sort()).toEqual([...charted].sort());

    // The table: open it and read every row.
    await page.getByText("Values per step").click();
    const table = page.getByRole("table", { name: "Values per step" });
    const headers = (await table.locator("thead th").allTextContents()).slice(1);
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(lines.length);
    // The table holds the success metrics (train and test); the other panels' series are charted only.
    const tabled = charted.filter((k) => k.startsWith("rollout/") || k.startsWith("testing/"));
    expect([...headers].sort()).toEqual([...tabled].sort());

    const testGroup = Number(config.test_group_size);
    for (const [step, line] of lines.entries()) {
      const rowStep = await rows.nth(step).locator("th").textContent();
      expect(rowStep).toBe(String(step));
      const cells = await rows.nth(step).locator("td").allTextContents();
      const fromFiles = recompute(experimentDir, step, testGroup);
      for (const key of charted) {
        const point = overview.series[key]!.find((b) => b.step === step);
        expect(point?.last, `${key} at step ${step}: chart vs metrics.jsonl line ${step + 1}`).toBe(
          line[key],
        );
        if (tabled.includes(key))
          expect(cells[headers.indexOf(key)], `${key} at step ${step}: table`).toBe(line[key]!.toFixed(4));
        if (key in fromFiles)
          expect(line[key], `${key} at step ${step}: metrics.jsonl vs rollout files`).toBeCloseTo(
            fromFiles[key]!,
            6,
          );
      }
      // Every recomputed figure was charted (none skipped by a key mismatch).
      for (const key of Object.keys(fromFiles)) expect(charted).toContain(key);
    }
  });
