import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEspl } from "@/lib/cli/testing/spawn-espl";
import { createProject, signInAs } from "./auth-helpers";
import { findSeriousViolations } from "./look-check";

/**
 * A token made in Settings drives the real CLI over HTTP against the running server (its worker executes
 * the run), and once revoked in Settings the same CLI command is refused.
 */

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];

test("a token created in Settings runs the CLI over HTTP until it is revoked", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const project = await createProject();
  await signInAs(context, [{ id: project.id, role: "editor" }]);
  await page.goto(`/projects/${project.slug}/settings/tokens`);
  await page.getByLabel("Name").fill("e2e cli");
  await page.getByLabel("Token role").selectOption("editor");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("created-token").inputValue();
  expect(token).toMatch(/^espl_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-token-row").filter({ hasText: "e2e cli" });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).not.toContainText(token);
  await page.screenshot({ path: "test-results/api-tokens-created.png", fullPage: true });
  expect(await findSeriousViolations(page), "tokens page").toEqual([]);

  // A bogus DATABASE_URL: a command that fell back to the database would fail, not pass quietly.
  const env = {
    ESPL_URL: baseURL!,
    ESPL_TOKEN: token,
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "espl-e2e-")),
    DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    ESPL_POLL_MS: "250",
  };
  const run = await runEspl(
    ["run", ...TINY.flatMap((s) => ["--set", s]), "--name", "over http", "--wait"],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^completed: 2 steps/);

  await page.reload();
  await expect(row.getByTestId("api-token-state")).toHaveText(/^expires|no expiry/);
  await expect(row).not.toContainText("—");
  await row.getByRole("button", { name: "Revoke e2e cli" }).click();
  await expect(row.getByTestId("api-token-state")).toHaveText(/^revoked /);

  const refused = await runEspl(["status"], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/refused by .*the API token is unknown, expired or revoked/);
});

test("the API reference and the tokens page read well in both themes", async ({ page, context }) => {
  const project = await createProject();
  await signInAs(context, [{ id: project.id, role: "owner" }]);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/api-docs");
    await expect(page.getByTestId("api-operation").first()).toBeVisible();
    await expect(page.getByText("/api/v1/runs/{runId}/control")).toBeVisible();
    await page.screenshot({ path: `test-results/api-docs-${colorScheme}.png`, fullPage: true });
    expect(await findSeriousViolations(page), `api docs (${colorScheme})`).toEqual([]);
    await page.goto(`/projects/${project.slug}/settings/tokens`);
    await page.screenshot({ path: `test-results/api-tokens-${colorScheme}.png`, fullPage: true });
    expect(await findSeriousViolations(page), `tokens page (${colorScheme})`).toEqual([]);
  }
});
