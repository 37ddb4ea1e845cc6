import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

test("compare two runs from the runs list: legend, several metrics, links back, config diff, state in the URL", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const a = await makeRun(`cmp-a ${tag}`, { batch_size: 4, n_epochs: 1, seed: 1 });
  const b = await makeRun(`cmp-b ${tag}`, { batch_size: 4, n_epochs: 1, seed: 2 });
  await waitForCompleted([a, b], 90_000);

  // Reachable from the runs list: tick the rows, press Compare (n).
  await openPage(page, `/runs?q=${tag}`);
  await page.getByLabel(`Select cmp-a ${tag}`).check();
  await page.getByLabel(`Select cmp-b ${tag}`).check();
  await page.getByRole("link", { name: "Compare (2)" }).click();
  await expect(page).toHaveURL(/\/compare\?runs=/);
  expect(new URL(page.url()).searchParams.get("runs")!.split(",").sort()).toEqual([a, b].sort());
  await expect(page.getByRole("heading", { name: "Compare 2 runs" })).toBeVisible();

  const legend = page.getByRole("list", { name: "Runs" });
  await expect(legend.getByRole("button", { name: `cmp-a ${tag}` })).toBeVisible();
  await expect(legend.getByRole("button", { name: `cmp-b ${tag}` })).toBeVisible();
  await expect(legend.getByRole("link", { name: `Open cmp-a ${tag}` })).toHaveAttribute("href", `/runs/${a}`);
  await expect(page.getByTestId("chart-compare").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("chart-compare").locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(page.getByTestId("prompt-card")).toHaveCount(2);

  // A second metric adds a panel and goes into the URL.
  await page.getByLabel("Compared metrics", { exact: true }).first().click();
  await page
    .getByRole("group", { name: "Compared metrics" })
    .getByRole("checkbox", { name: "rollout/Agg_avg_reward" })
    // The box reflects the URL, so it is ticked once the page re-renders from the new query.
    .click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get("metric")?.split(",").sort())
    .toEqual(["rollout/Agg_avg_reward", "testing/Pass@1"]);
  await expect(page.getByRole("figure", { name: "rollout/Agg_avg_reward" })).toBeVisible();
  // Close the picker, which lies over the run list.
  await page.getByLabel("Compared metrics", { exact: true }).first().click();

  const rows = page.getByTestId("config-row");
  const all = await rows.count();
  // The checkbox reflects the URL, so it flips once the page re-renders from the new query.
  await page.getByLabel("differences only").click();
  await expect(page).toHaveURL(/diff=1/);
  await expect(page.getByLabel("differences only")).toBeChecked();
  await expect(rows).not.toHaveCount(all);
  await expect(rows.filter({ hasText: "seed" })).toHaveCount(1);
  await page.getByLabel("differences only").click();
  await expect(page.getByLabel("differences only")).not.toBeChecked();
  await expect(rows).toHaveCount(all);
  await legend.getByRole("button", { name: `cmp-b ${tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`hide=${b}`));
  await expect(legend.getByRole("button", { name: `cmp-b ${tag}` })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("chart-compare").locator("path.recharts-line-curve")).toHaveCount(1);
});
