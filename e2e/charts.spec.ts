import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

async function downloadText(page: Page, trigger: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return {
    name: download.suggestedFilename(),
    text: (await readFile(await download.path())).toString("utf8"),
  };
}

let runId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  runId = await makeRun(`charts ${randomUUID().slice(0, 8)}`, { batch_size: 4, n_epochs: 1 });
  await waitForCompleted([runId], 90_000);
});

test("the legend hides a series on click, and the CSV holds the stored values of what is drawn", async ({
  page,
}) => {
  await openPage(page, `/runs/${runId}`);
  const chart = page.getByTestId("chart-train-success");
  const legend = page.getByRole("list", { name: "Train success legend" });
  const entries = legend.getByRole("button");
  await expect(entries.first()).toBeVisible();
  const n = await entries.count();
  expect(n).toBeGreaterThanOrEqual(2);
  // At most five series by default: the rest is one click away.
  expect(n).toBeLessThanOrEqual(5);
  const lines = chart.locator("path.recharts-line-curve");
  await expect(lines).toHaveCount(n);

  const hidden = entries.nth(1);
  const hiddenLabel = (await hidden.textContent())!.trim();
  await hidden.click();
  await expect(hidden).toHaveAttribute("aria-pressed", "false");
  await expect(lines).toHaveCount(n - 1);

  const csv = await downloadText(page, () =>
    page.getByRole("button", { name: "Download Train success as CSV" }).click(),
  );
  expect(csv.name).toBe("train-success.csv");
  const [header, ...rows] = csv.text.trim().split("\n");
  expect(header).toBe("series,step,value");
  const parsed = rows.map((line) => line.split(","));
  expect(
    parsed.some(([s]) => s === hiddenLabel),
    "a hidden series is not exported",
  ).toBe(false);

  // The first drawn series, point by point, against the stored step metrics it comes from.
  const label = (await entries.first().textContent())!.trim();
  const exported = parsed
    .filter(([s]) => s === label)
    .map(([, step, value]) => [Number(step), Number(value)]);
  const stored = await withDb(
    async (db) =>
      (
        await db.query<{ step: number; v: string }>(
          `SELECT step, metrics #>> ARRAY['logged', $2::text] AS v FROM steps
           WHERE run_id = $1 AND jsonb_typeof(metrics #> ARRAY['logged', $2::text]) = 'number' ORDER BY step`,
          [runId, `rollout/${label}`],
        )
      ).rows,
  );
  expect(stored.length).toBeGreaterThan(0);
  expect(exported).toEqual(stored.map((r) => [r.step, Number(r.v)]));
});

test("a panel's metric choice is kept in the URL and survives a reload", async ({ page }) => {
  await openPage(page, `/runs/${runId}`);
  await page.getByLabel("Train success metrics", { exact: true }).first().click();
  const picker = page.getByRole("group", { name: "Train success metrics" });
  const unchecked = picker.getByRole("checkbox", { checked: false });
  // A run with more metrics than the default five adds one; else one of the five is dropped.
  const adding = (await unchecked.count()) > 0;
  const box = adding ? unchecked.first() : picker.getByRole("checkbox", { checked: true }).last();
  const metric = (await box.locator("xpath=..").textContent())!.trim();
  await box.click();
  await expect(page).toHaveURL(/[?&]rollout=/);
  await page.reload();
  const legend = page.getByRole("list", { name: "Train success legend" });
  await expect(legend.getByRole("button", { name: metric, exact: true })).toHaveCount(adding ? 1 : 0);

  // Log scale is URL state too.
  // The box reflects the URL, so it flips once the page re-renders from the new query.
  await page.getByLabel("log scale").click();
  await expect(page).toHaveURL(/[?&]log=1/);
  await expect(page.getByLabel("log scale")).toBeChecked();
});
