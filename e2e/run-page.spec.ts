import { expect, test, type Download, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { makeRun } from "./make-run";
import { openPage } from "./open-page";

const SMALL = { batch_size: 4, n_epochs: 1 };

async function downloadText(
  page: Page,
  trigger: () => Promise<void>,
): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

test("a real simulated run fills the page live, then every export downloads and parses", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `page ${randomUUID().slice(0, 8)}`;
  const runId = await makeRun(name, SMALL);
  await openPage(page, `/runs/${runId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("simulated", { exact: true })).toBeVisible();
  // No reload: the status badge moves on by itself as the worker commits steps.
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
  await expect(page.getByTestId("chart-train-success").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("chart-test-success").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Run progress" })).toHaveAttribute(
    "aria-valuenow",
    /[1-9]\d*/,
  );

  const csv = await downloadText(page, () => page.getByRole("link", { name: "metrics.csv" }).click());
  expect(csv.bytes.toString("utf8").split("\n")[0]).toMatch(/^step,/);
  const json = await downloadText(page, () => page.getByRole("link", { name: "run.json" }).click());
  expect(JSON.parse(json.bytes.toString("utf8"))).toMatchObject({ format: "espl-studio/run" });
  const jsonl = await downloadText(page, () => page.getByRole("link", { name: "rollouts.jsonl" }).click());
  const lines = jsonl.bytes.toString("utf8").trim().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) JSON.parse(line);

  const svg = await downloadText(page, () =>
    page.getByRole("button", { name: "Download Train success as SVG" }).click(),
  );
  expect(svg.download.suggestedFilename()).toBe("train-success.svg");
  expect(svg.bytes.toString("utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await downloadText(page, () =>
    page.getByRole("button", { name: "Download Test success as PNG" }).click(),
  );
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // Chart settings are URL state: a reload (or a link sent to someone) shows the same axis and smoothing.
  await page.getByLabel("x-axis").selectOption("time");
  await expect(page).toHaveURL(/[?&]x=time/);
  await page.getByLabel("smoothing").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/[?&]smooth=0\.01/);
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByLabel("x-axis").filter({ visible: true })).toHaveValue("time");
  await expect(page.getByTestId("smoothing-value").filter({ visible: true })).toHaveText("0.01");
});

test("pause and resume from the page", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `ctl ${randomUUID().slice(0, 8)}`;
  const runId = await makeRun(name, { batch_size: 4, n_epochs: 3 });
  await openPage(page, `/runs/${runId}`);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("paused", { timeout: 60_000 });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("run-status")).toHaveText(/queued|running|completed/);
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
});

test("an unknown run is not found", async ({ page }) => {
  await openPage(page, `/runs/${randomUUID()}`);
  await expect(page.getByText(/could not be found|404/i).first()).toBeVisible();
});
