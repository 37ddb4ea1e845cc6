import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createRunRow, createShareToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createPrismaClient } from "@/lib/server/db/client";
import { createProject } from "./auth-helpers";
import { withDb } from "./db";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

/**
 * A run row only: enough for the header, tabs and controls. Paused, so the worker beside the server
 * does not claim it (a queued row would start running under the test).
 */
async function makeRunRow(name: string, trainMode: "evolution_rl" | "rl" = "evolution_rl") {
  const project = await createProject();
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const run = await createRunRow(prisma, project.id, name);
    await prisma.run.update({ where: { id: run.id }, data: { trainMode, status: "paused" } });
    const { token } = await createShareToken(prisma, { projectId: project.id, runIds: [run.id] });
    return { runId: run.id, token };
  } finally {
    await prisma.$disconnect();
  }
}

const statusOf = (runId: string) =>
  withDb(async (db) => (await db.query(`SELECT status, control FROM runs WHERE id = $1`, [runId])).rows[0]);

test("a share link's viewer gets no Runs, Launch or Datasets navigation; a member does", async ({
  browser,
}) => {
  const { runId, token } = await makeRunRow(`shared nav ${randomUUID().slice(0, 8)}`);
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(`/s/${token}/runs/${runId}`);
  await expect(page.getByTestId("shared-view")).toBeVisible();
  const header = page.locator("body > header");
  await expect(header.getByText("E-SPL Studio")).toBeVisible();
  await expect(header.getByLabel("Theme")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  for (const name of ["Runs", "Launch", "Datasets"])
    await expect(header.getByRole("link", { name, exact: true })).toHaveCount(0);
  await visitor.close();

  const member = await browser.newPage();
  await openPage(member, `/runs/${runId}`);
  const nav = member.getByRole("navigation", { name: "Main" });
  for (const name of ["Runs", "Launch", "Datasets"])
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
});

test("an RL-only run hides the evolution tabs and says why", async ({ page }) => {
  const { runId } = await makeRunRow(`rl only ${randomUUID().slice(0, 8)}`, "rl");
  await openPage(page, `/runs/${runId}/ratings`);
  const tabs = page.getByRole("navigation", { name: "Run sections" });
  await expect(tabs.getByRole("link", { name: "Ratings", exact: true })).toBeVisible();
  for (const name of ["Lineage", "Prompts", "Evolution"])
    await expect(tabs.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(page.getByTestId("no-evolution-note")).toContainText("RL-only run");
});

test("cancel asks to confirm: Escape keeps the run, confirming cancels it", async ({ page }) => {
  const { runId } = await makeRunRow(`cancel confirm ${randomUUID().slice(0, 8)}`);
  await openPage(page, `/runs/${runId}`);
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep running" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await statusOf(runId)).toEqual({ status: "paused", control: "none" });

  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect.poll(async () => (await statusOf(runId)).status).toBe("cancelled");
});

test("moving through the preset select with the keyboard applies nothing until Enter", async ({ page }) => {
  await createProject();
  await openPage(page, "/runs/new");
  const mode = page.locator('[id="config.train_mode"]');
  const before = await mode.inputValue();
  expect(before).not.toBe("evolution");
  const preset = page.locator("#preset");
  await preset.focus();
  // —, E-SPL lucb, mutation only, Evolution only: three steps down, passing two other presets.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(preset).toHaveValue("evolution");
  await expect(mode).toHaveValue(before);
  await expect(page.getByRole("button", { name: "Apply", exact: true })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(mode).toHaveValue("evolution");
  await expect(page).toHaveURL(/\/runs\/new/);
});

test("a refused launch moves focus to the first invalid field", async ({ page }) => {
  await createProject();
  const name = `refused ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const batch = page.getByLabel("Batch size (B)");
  await batch.fill("not a number");
  const launch = page.getByRole("button", { name: "Launch run" });
  await launch.click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(batch).toBeFocused();
  const stored = await withDb(
    async (db) => (await db.query(`SELECT id FROM runs WHERE name = $1`, [name])).rows,
  );
  expect(stored).toEqual([]);
});

test("an unknown run's page says so and links back to the runs", async ({ page }) => {
  const unknown = randomUUID();
  await openPage(page, `/runs/${unknown}`);
  const notFound = page.getByTestId("not-found");
  await expect(notFound.getByRole("heading", { name: "Run not found" })).toBeVisible();
  await expect(notFound).toContainText(unknown);
  await expect(page.getByRole("navigation", { name: "Run sections" })).toHaveCount(0);
  await notFound.getByRole("link", { name: /All runs/ }).click();
  await expect(page).toHaveURL(/\/runs$/);
});

test("head-to-head ?step=998 on a short run shows its last step, and says so", async ({ page }) => {
  test.setTimeout(180_000);
  const runId = await makeRun(`clamp ${randomUUID().slice(0, 8)}`, {
    batch_size: 2,
    dataset_size: 4,
    n_epochs: 1,
  });
  await waitForCompleted([runId], 120_000);
  const { first, last } = await withDb(
    async (db) =>
      (await db.query(`SELECT min(step) AS first, max(step) AS last FROM steps WHERE run_id = $1`, [runId]))
        .rows[0],
  );
  expect(last).toBeLessThan(998);
  await openPage(page, `/runs/${runId}/head-to-head?step=998`);
  await expect(page.getByTestId("step-clamped")).toHaveText(
    `This run has no step 998: its committed steps are ${first}–${last}, so step ${last} is shown.`,
  );
  const picker = page.getByRole("navigation", { name: "Step" });
  await expect(picker.getByLabel("Step")).toHaveValue(String(last));
  await expect(picker).not.toContainText("997");
  if (last > first) await expect(picker.getByRole("link", { name: `← step ${last - 1}` })).toBeVisible();
  await expect(picker.getByText("latest step")).toBeVisible();
});
