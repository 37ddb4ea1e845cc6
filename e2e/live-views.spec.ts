import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createShareToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createPrismaClient } from "@/lib/server/db/client";
import { startBoss } from "@/lib/server/queue/boss";
import { pauseRun, resumeRun } from "@/lib/server/runs/controls";
import { withDb } from "./db";
import { makeRun } from "./make-run";
import { openPage } from "./open-page";

// A real simulated run the test holds between steps: it pauses the run, opens views, lets it commit more
// steps and pauses it again, so what the views must show is fixed while they are checked. Crossover is
// attempted every step and the pool is small, so steps add programs, events and evictions.
const CONFIG = {
  seed: 5,
  dataset_size: 48,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 3,
  max_pool_size: 4,
  choose_from_most_recent: 4,
  crossover_prob: 1,
};

async function control(runId: string, action: "pause" | "resume") {
  const url = process.env.E2E_DB_URL!;
  const prisma = createPrismaClient(url);
  const boss = await startBoss(url);
  try {
    await (action === "pause" ? pauseRun : resumeRun)(runId, { prisma, boss });
  } finally {
    await boss.stop({ graceful: false });
    await prisma.$disconnect();
  }
}

async function shareRun(runId: string): Promise<string> {
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { projectId: true } });
    return (await createShareToken(prisma, { projectId: run.projectId, runIds: [runId] })).token;
  } finally {
    await prisma.$disconnect();
  }
}

async function runRow(runId: string) {
  return withDb(
    async (db) =>
      (
        await db.query<{ status: string; step: number }>(
          `SELECT status, current_step AS step FROM runs WHERE id = $1`,
          [runId],
        )
      ).rows[0]!,
  );
}

async function waitForStatus(runId: string, status: string) {
  await expect.poll(async () => (await runRow(runId)).status, { timeout: 60_000 }).toBe(status);
}

/** Lets the run commit at least one more step, then holds it again. */
async function commitMoreSteps(runId: string, after: number) {
  await control(runId, "resume");
  await expect
    .poll(async () => (await runRow(runId)).step, { timeout: 60_000, intervals: [100] })
    .toBeGreaterThan(after);
  await control(runId, "pause");
  await waitForStatus(runId, "paused");
}

/** What each view must show, read from the stored rows. */
async function stored(runId: string) {
  return withDb(async (db) => {
    const one = async (sql: string, params: unknown[] = [runId]) =>
      Number(Object.values((await db.query(sql, params)).rows[0] as object)[0]);
    const step = await one(`SELECT max(step) FROM steps WHERE run_id = $1`);
    return {
      step,
      programs: await one(`SELECT count(*) FROM programs WHERE run_id = $1`),
      alive: await one(
        `SELECT count(*) FROM programs WHERE run_id = $1 AND birth_step <= $2
           AND (evicted_at_step IS NULL OR evicted_at_step > $2)`,
        [runId, step],
      ),
      rootMu: await one(`SELECT mu FROM programs WHERE run_id = $1 AND program_id = 0`),
      events: await one(`SELECT count(*) FROM evolution_events WHERE run_id = $1`),
      rollouts: await one(`SELECT count(*) FROM rollouts WHERE run_id = $1`),
      trainAtStep: await one(
        `SELECT count(*) FROM rollouts WHERE run_id = $1 AND step = $2 AND split = 'train'`,
        [runId, step],
      ),
      reflectionCalls: await one(`SELECT coalesce(sum(reflection_calls), 0) FROM steps WHERE run_id = $1`),
    };
  });
}
type Stored = Awaited<ReturnType<typeof stored>>;

const VIEWS = {
  ratings: async (page: Page, s: Stored) => {
    await expect(page.locator("[data-testid^=leaderboard-row-]")).toHaveCount(s.programs);
    await expect(page.getByTestId("leaderboard-row-0").locator("td").nth(2)).toHaveText(s.rootMu.toFixed(2));
  },
  lineage: async (page: Page, s: Stored) => {
    await expect(page.getByTestId("lineage-graph")).toHaveAttribute("data-nodes", String(s.programs));
    await expect(page.getByTestId("population-count")).toHaveText(`${s.alive} in the pool at step ${s.step}`);
  },
  prompts: async (page: Page, s: Stored) => {
    await expect(page.getByTestId("program-count")).toHaveText(`${s.programs} programs`);
  },
  "head-to-head": async (page: Page, s: Stored) => {
    await expect(page.getByTestId("h2h-cell").first()).toHaveAttribute(
      "href",
      new RegExp(`step=${s.step}\\b`),
    );
    await expect
      .poll(async () =>
        (await page.getByTestId("h2h-count").allTextContents())
          .map((t) => Number(t.split("/")[1]))
          .reduce((a, b) => a + b, 0),
      )
      .toBe(s.trainAtStep);
  },
  rollouts: async (page: Page, s: Stored) => {
    await expect(page.getByTestId("rollout-count")).toHaveText(
      new RegExp(`^${s.rollouts.toLocaleString("en-US")} matching rollouts`),
    );
  },
  evolution: async (page: Page, s: Stored) => {
    await expect(page.getByTestId("event-count")).toHaveText(`${s.events} events`);
  },
  usage: async (page: Page, s: Stored) => {
    const row = page.getByTestId("usage-panel").getByRole("row", { name: /reflection calls/ });
    await expect(row.locator("td").last()).toHaveText(s.reflectionCalls.toLocaleString("en-US"));
  },
} satisfies Record<string, (page: Page, s: Stored) => Promise<void>>;
type View = keyof typeof VIEWS;

const pathOf = (runId: string, view: View) => `/runs/${runId}${view === "usage" ? "" : `/${view}`}`;

/**
 * Opens `views` side by side (one tab each: a browser keeps at most six connections to a host, so a
 * round stays at four streams), checks they show the held run, lets it move on, and checks again.
 */
async function checkRound(
  context: BrowserContext,
  runId: string,
  views: View[],
  moveOn: () => Promise<void>,
  shared?: { context: BrowserContext; token: string; view: View },
) {
  const before = await stored(runId);
  const pages: Page[] = [];
  for (const view of views) {
    const page = await context.newPage();
    await openPage(page, pathOf(runId, view));
    await VIEWS[view](page, before);
    pages.push(page);
  }
  // A share link's visitor (not signed in) is kept live through the link too.
  if (shared) {
    const page = await shared.context.newPage();
    await page.goto(`/s/${shared.token}${pathOf(runId, shared.view)}`);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await VIEWS[shared.view](page, before);
    pages.push(page);
    views = [...views, shared.view];
  }
  await moveOn();
  const after = await stored(runId);
  expect(after.step, "the run committed a new step").toBeGreaterThan(before.step);
  expect(after.rollouts, "the new steps sampled rollouts").toBeGreaterThan(before.rollouts);
  for (const [i, view] of views.entries()) await VIEWS[view](pages[i]!, after);
  for (const page of pages) await page.close();
}

test("every run view shows each new step without a reload, equal to the stored rows", async ({ browser }) => {
  test.setTimeout(240_000);
  const runId = await makeRun(`live views ${randomUUID().slice(0, 8)}`, CONFIG);
  await expect
    .poll(async () => (await runRow(runId)).step, { timeout: 60_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);
  await control(runId, "pause");
  await waitForStatus(runId, "paused");

  const context = await browser.newContext();
  await checkRound(context, runId, ["ratings", "lineage", "prompts"], async () =>
    commitMoreSteps(runId, (await runRow(runId)).step),
  );
  const visitor = await browser.newContext();
  const token = await shareRun(runId);
  await checkRound(
    context,
    runId,
    ["head-to-head", "rollouts", "evolution", "usage"],
    async () => {
      await control(runId, "resume");
      await waitForStatus(runId, "completed");
    },
    { context: visitor, token, view: "prompts" },
  );
  await visitor.close();
  await context.close();
});

test("the rollouts view, newest first, fetches only the rows of the steps it does not hold", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const runId = await makeRun(`live rollouts ${randomUUID().slice(0, 8)}`, CONFIG);
  await expect
    .poll(async () => (await runRow(runId)).step, { timeout: 60_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);
  await control(runId, "pause");
  await waitForStatus(runId, "paused");
  const newestStep = () =>
    withDb(async (db) => {
      const { rows } = await db.query<{ step: number }>(
        `SELECT max(step) AS step FROM rollouts WHERE run_id = $1`,
        [runId],
      );
      return rows[0]!.step;
    });

  const context = await browser.newContext();
  const page = await context.newPage();
  // Every request of the list route after the server-rendered first page.
  const asked: URLSearchParams[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === `/api/runs/${runId}/rollouts`) asked.push(url.searchParams);
  });
  await openPage(page, `/runs/${runId}/rollouts?sort=newest`);
  const before = await stored(runId);
  const stepBefore = await newestStep();
  await VIEWS.rollouts(page, before);
  await expect(page.getByTestId("rollout-row").first()).toContainText(`step ${stepBefore} ·`);
  // The stream's first event asks for what changed since the render: nothing yet.
  await expect.poll(() => asked.length).toBeGreaterThan(0);

  await commitMoreSteps(runId, (await runRow(runId)).step);
  const after = await stored(runId);
  const stepAfter = await newestStep();
  expect(stepAfter).toBeGreaterThan(stepBefore);
  await VIEWS.rollouts(page, after);
  await expect(page.getByTestId("rollout-row").first()).toContainText(`step ${stepAfter} ·`);
  // Every request asked only for later steps, the first of them for the steps after the rendered one.
  expect(asked.map((p) => p.get("afterStep"))).not.toContain(null);
  expect(asked.map((p) => Number(p.get("afterStep")))).toContain(stepBefore);
  expect(asked.every((p) => p.get("cursor") === null)).toBe(true);
  await context.close();
});
