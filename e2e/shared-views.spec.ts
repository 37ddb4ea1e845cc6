import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createShareToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createPrismaClient } from "@/lib/server/db/client";
import { makeRun, waitForCompleted } from "./make-run";

/**
 * A share link to a run opens every view of it for someone who is not signed in: each tab loads its
 * data through the link (pages and API requests), its links stay under /s/…, and nothing offers control.
 */
test("every view of a shared run works without an account", async ({ browser }) => {
  test.setTimeout(180_000);
  const name = `shared views ${randomUUID().slice(0, 8)}`;
  const runId = await makeRun(name, { batch_size: 4, n_epochs: 1, crossover_prob: 1 });
  await waitForCompleted([runId], 120_000);
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { projectId: true } });
  const { token } = await createShareToken(prisma, { projectId: run.projectId, runIds: [runId] });
  await prisma.$disconnect();

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/") && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`/s/${token}`);
  const base = `/s/${token}/runs/${runId}`;
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page.getByRole("heading", { name })).toBeVisible();

  const tabs = page.getByRole("navigation", { name: "Run sections" }).getByRole("link");
  const labels = await tabs.allTextContents();
  expect(labels).toEqual(
    expect.arrayContaining([
      "Overview",
      "Lineage",
      "Ratings",
      "Prompts",
      "Evolution",
      "Head-to-head",
      "Rollouts",
    ]),
  );
  for (const label of labels) {
    await tabs.filter({ hasText: new RegExp(`^${label}$`) }).click();
    await expect(page).toHaveURL(new RegExp(`^[^?]*${base}`));
    await expect(page.getByRole("link", { name: label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByTestId("shared-view")).toBeVisible();
    // Every link inside the view stays inside the share link.
    const hrefs = await page
      .locator("main a[href^='/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) expect(href, `a link on ${label}`).toMatch(new RegExp(`^(/s/${token}/|/api/)`));
  }
  // Views that load data in the browser did so through the link.
  await page.getByRole("link", { name: "Rollouts", exact: true }).click();
  await expect(page.getByTestId("rollout-count")).toContainText("matching");
  await expect(page.getByRole("button", { name: /pause|cancel|resume/i })).toHaveCount(0);
  expect(failed).toEqual([]);
  await visitor.close();
});
