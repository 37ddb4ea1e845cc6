import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDb } from "./db";
import { openPage } from "./open-page";

// The evolution run: mutation and crossover events, so every view has something to show.
const RUN = join(process.cwd(), "lib/espl/testdata/reference-runs/evolution_rl_lucb_seed109");

test("upload a zipped reference run from the dashboard, then open it", async ({ page }) => {
  test.setTimeout(90_000);
  await withDb((db) =>
    db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'E2E import', 'e2e-import', now())
       ON CONFLICT DO NOTHING`,
    ),
  );
  const archive = join(mkdtempSync(join(tmpdir(), "espl-e2e-import-")), "evolution.zip");
  execFileSync("zip", ["-qr", archive, "."], { cwd: RUN });
  await openPage(page, "/runs");
  await page.getByRole("link", { name: "Import a run" }).click();
  await page.getByLabel("Project").selectOption({ label: "E2E import" });
  await page.getByLabel(/^Archive/).setInputFiles(archive);
  await page.getByLabel(/^Name/).fill("uploaded from the browser");
  await page.getByRole("button", { name: "Import" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Imported a new run", { timeout: 60_000 });
  await expect(page.getByTestId("import-clean")).toBeVisible();
  await result.getByRole("link", { name: "open the run" }).click();
  await expect(page.getByRole("heading", { name: "uploaded from the browser" })).toBeVisible();
  await expect(page.getByTestId("chart-train-success").locator("svg.recharts-surface")).toBeVisible();

  // Every view of the run works on an imported run (no problem ids, replies read from files).
  const tabs = page.getByRole("navigation", { name: "Run sections" }).getByRole("link");
  for (const label of await tabs.allTextContents()) {
    await tabs.filter({ hasText: new RegExp(`^${label}$`) }).click();
    await expect(page.getByRole("link", { name: label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByText(/could not load|application error|something went wrong/i)).toHaveCount(0);
    await expect(page.locator("main h1, main h2").first()).toBeVisible();
  }
  await page.getByRole("link", { name: "Rollouts", exact: true }).click();
  await expect(page.getByTestId("rollout-count")).not.toContainText(/^0 matching/);
  await page.getByRole("link", { name: "Evolution", exact: true }).click();
  await expect(page.getByText("No evolution events.")).toHaveCount(0);

  // A file that is not an archive is refused before anything is sent.
  await page.goto("/runs/import");
  // The file input's change handler exists once the form has hydrated; a file chosen before is lost.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page
    .getByLabel(/^Archive/)
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("x") });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("choose a .tar.gz, .tgz or .zip")).toBeVisible();
});
