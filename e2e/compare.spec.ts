import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { makeRun } from "./make-run";
import { openPage } from "./open-page";

test("compare two runs: both in the legend, differences-only hides equal config rows, state in the URL", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const a = await makeRun(`cmp-a ${tag}`, { batch_size: 4, n_epochs: 1, seed: 1 });
  const b = await makeRun(`cmp-b ${tag}`, { batch_size: 4, n_epochs: 1, seed: 2 });
  await expect
    .poll(
      () =>
        withDb(
          async (db) =>
            (
              await db.query(
                `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1) AND status = 'completed'`,
                [[a, b]],
              )
            ).rows[0].n,
        ),
      { timeout: 90_000 },
    )
    .toBe(2);
  await openPage(page, `/compare?runs=${a},${b}`);
  const legend = page.getByRole("list", { name: "Runs" });
  await expect(legend.getByRole("button", { name: `cmp-a ${tag}` })).toBeVisible();
  await expect(legend.getByRole("button", { name: `cmp-b ${tag}` })).toBeVisible();
  await expect(page.getByTestId("chart-compare").locator("svg.recharts-surface")).toBeVisible();
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
});
