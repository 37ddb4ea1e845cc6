import { expect, test, type Browser } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createRunRow, createShareToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createPrismaClient } from "@/lib/server/db/client";
import { withDb } from "./db";
import { findSeriousViolations } from "./look-check";
import { makeRun, waitForCompleted } from "./make-run";
import { openPage } from "./open-page";

/**
 * axe-core on every page, in the light and the dark theme: no violation of impact "serious" or "critical"
 * against WCAG 2.x A/AA (colour contrast included, which is where a theme usually breaks). The pages are
 * those of a finished E-SPL run, an RL-only run, the project's settings, the forms and a share link's views.
 */

const THEMES = ["light", "dark"] as const;
const RUN_TABS = ["", "/lineage", "/ratings", "/prompts", "/evolution", "/head-to-head", "/rollouts"];

interface Fixture {
  runId: string;
  rlRunId: string;
  /** A run with no step yet (paused before its first, so the worker leaves it alone): every empty state. */
  emptyRunId: string;
  slug: string;
  datasetId: string;
  token: string;
  /** A group holding the two finished runs: the experiment page and grouped compare. */
  experimentId: string;
  /** An open invitation to the project: the invitation and invited sign-up pages, the members list. */
  invitationId: string;
}

let fixture: Fixture;

// Each page is its own test, and a failed test restarts the worker (and this file's beforeAll): the runs
// are looked up by name so that a restart reuses them instead of making new ones.
const ESPL_RUN = "a11y fixture";
const RL_RUN = "a11y fixture (RL only)";
const EMPTY_RUN = "a11y fixture (no steps yet)";
const GROUP = "a11y fixture group";

async function findOrMakeRun(name: string, config: Record<string, unknown>): Promise<string> {
  const existing = await withDb(
    async (db) => (await db.query<{ id: string }>(`SELECT id FROM runs WHERE name = $1`, [name])).rows[0],
  );
  return existing?.id ?? (await makeRun(name, config));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const runId = await findOrMakeRun(ESPL_RUN, { batch_size: 4, n_epochs: 1, crossover_prob: 1, seed: 7 });
  const rlRunId = await findOrMakeRun(RL_RUN, { batch_size: 4, n_epochs: 1, train_mode: "rl" });
  await waitForCompleted([runId, rlRunId], 120_000);
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const run = await prisma.run.findUniqueOrThrow({
      where: { id: runId },
      select: { projectId: true, datasetId: true, project: { select: { slug: true } } },
    });
    const { token } = await createShareToken(prisma, { projectId: run.projectId, runIds: [runId] });
    const empty =
      (await prisma.run.findFirst({ where: { name: EMPTY_RUN }, select: { id: true } })) ??
      (await createRunRow(prisma, run.projectId, EMPTY_RUN));
    await prisma.run.update({ where: { id: empty.id }, data: { status: "paused" } });
    const experiment = await prisma.experiment.upsert({
      where: { projectId_name: { projectId: run.projectId, name: GROUP } },
      create: { projectId: run.projectId, name: GROUP },
      update: {},
    });
    await prisma.run.updateMany({
      where: { id: { in: [runId, rlRunId] } },
      data: { experimentId: experiment.id },
    });
    const inviter = await prisma.user.upsert({
      where: { email: "a11y-inviter@e2e.test" },
      create: { email: "a11y-inviter@e2e.test", name: "A11y inviter" },
      update: {},
    });
    const invitation =
      (await prisma.invitation.findFirst({ where: { email: "a11y-invitee@e2e.test", status: "pending" } })) ??
      (await prisma.invitation.create({
        data: {
          projectId: run.projectId,
          email: "a11y-invitee@e2e.test",
          role: "editor",
          expiresAt: new Date(Date.now() + 7 * 86_400_000),
          createdById: inviter.id,
        },
      }));
    fixture = {
      invitationId: invitation.id,
      runId,
      rlRunId,
      emptyRunId: empty.id,
      slug: run.project.slug,
      datasetId: run.datasetId!,
      token,
      experimentId: experiment.id,
    };
  } finally {
    await prisma.$disconnect();
  }
});

type PagePath = (f: Fixture) => string;

/** The pages a signed-in owner sees (functions: the fixture exists only once beforeAll has run). */
const memberPages: PagePath[] = [
  () => "/",
  () => "/runs",
  () => "/runs/new",
  () => "/runs/import",
  () => "/datasets",
  (f) => `/datasets/${f.datasetId}`,
  (f) => `/compare?runs=${f.runId},${f.rlRunId}`,
  (f) => `/compare?runs=${f.runId},${f.rlRunId}&group=train_mode`,
  (f) => `/experiments/${f.experimentId}`,
  ...RUN_TABS.map(
    (tab): PagePath =>
      (f) =>
        `/runs/${f.runId}${tab}`,
  ),
  (f) => `/runs/${f.runId}/evaluations`,
  (f) => `/runs/${f.rlRunId}`,
  ...RUN_TABS.map(
    (tab): PagePath =>
      (f) =>
        `/runs/${f.emptyRunId}${tab}`,
  ),
  (f) => `/projects/${f.slug}/settings/members`,
  (f) => `/projects/${f.slug}/settings/backends`,
  (f) => `/projects/${f.slug}/settings/sharing`,
  (f) => `/projects/${f.slug}/settings/tokens`,
  () => "/api-docs",
  () => `/runs/${randomUUID()}`,
];

/** The pages someone without an account reaches: sign-in and a share link's views. */
const visitorPages: PagePath[] = [
  () => "/sign-in",
  () => "/sign-in?sso_error=unverified",
  () => "/sign-up",
  (f) => `/sign-up?invite=${f.invitationId}`,
  (f) => `/invite/${f.invitationId}`,
  ...RUN_TABS.map(
    (tab): PagePath =>
      (f) =>
        `/s/${f.token}/runs/${f.runId}${tab}`,
  ),
];

async function scan(browser: Browser, path: string, theme: (typeof THEMES)[number], signedIn: boolean) {
  const context = await browser.newContext({ colorScheme: theme });
  try {
    const page = await context.newPage();
    if (signedIn) await openPage(page, path);
    else {
      await page.goto(path);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    }
    // The theme script ran before paint and chose what the system asked for.
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    // The page's content has rendered and nothing is still loading (an open event stream keeps the
    // network busy for good, so "network idle" is no signal here).
    await page.locator("main").waitFor();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    return await findSeriousViolations(page);
  } finally {
    await context.close();
  }
}

for (const [index, describePath] of memberPages.entries())
  test(`member page ${index + 1}: no serious or critical axe violation, light and dark`, async ({
    browser,
  }) => {
    const path = describePath(fixture);
    const found: string[] = [];
    for (const theme of THEMES)
      for (const violation of await scan(browser, path, theme, true))
        found.push(`${theme} ${path}: ${violation}`);
    expect(found, found.join("\n")).toEqual([]);
  });

for (const [index, describePath] of visitorPages.entries())
  test(`visitor page ${index + 1}: no serious or critical axe violation, light and dark`, async ({
    browser,
  }) => {
    const path = describePath(fixture);
    const found: string[] = [];
    for (const theme of THEMES)
      for (const violation of await scan(browser, path, theme, false))
        found.push(`${theme} ${path}: ${violation}`);
    expect(found, found.join("\n")).toEqual([]);
  });

test("the theme select persists the choice across reloads and overrides the system", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await openPage(page, "/runs");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByTestId("theme-select").selectOption("dark");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // The page background really is dark (the palette inverts), not a light page with dark borders.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightness = await page.evaluate((colour) => {
    // A canvas resolves any CSS colour syntax (the palette is oklch) to sRGB bytes.
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  }, background);
  expect(lightness).toBeLessThan(0.2);
  await page.getByTestId("theme-select").selectOption("system");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await context.close();
});
