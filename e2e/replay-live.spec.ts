import { expect, test, type Page } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EsplClient } from "@/lib/client-sdk/espl-client";
import { waitForLine } from "@/lib/tools/testing/wait-for-line";
import { createProject, signInAs } from "./auth-helpers";
import { findSeriousViolations } from "./look-check";

/**
 * Logging from outside, end to end: the worked example (lib/tools/examples/replay-reference-run.ts) replays
 * a public reference run through the API with a token made in Settings, while the run's page, opened
 * before the steps arrive, counts them up without a reload (the event stream). The same folder imported
 * directly must then show the same overview: every series bucket, the "Values per step" table, the
 * evolution events, the best and newest program, and the run's best Pass@1.
 */

const RUN = "evolution_rl_lucb_seed109";
const FOLDER = join(process.cwd(), "lib/espl/testdata/reference-runs", RUN);
const STEP_LINE = /^step (\d+) \/ (\d+)/;

let running: ChildProcess | undefined;
// A replay left behind by a failed test (possibly still held) is ended, not left to the machine.
test.afterEach(() => {
  if (running && running.exitCode === null && running.signalCode === null) {
    running.kill("SIGCONT");
    running.kill("SIGTERM");
  }
});

/** The example as a child process (node itself, so the test can hold it while the page opens). */
function startReplay(env: Record<string, string>, args: string[]) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/server/plain-node/allow-server-only.mjs",
      "lib/tools/examples/replay-reference-run.ts",
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  running = child;
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => {
      for (const listener of listeners) listener();
      resolve({ code, stdout, stderr });
    }),
  );
  const line = (pattern: RegExp) =>
    waitForLine({
      listeners,
      findLine: () => stdout.split("\n").find((l) => pattern.test(l)),
      timeoutMs: 60_000,
      timeoutError: () => new Error(`no line matching ${pattern}:\n${stdout}\n${stderr}`),
      failure: () =>
        child.exitCode !== null ? new Error(`the replay ended early:\n${stdout}\n${stderr}`) : undefined,
    });
  return { child, line, done };
}

/** What the overview answers for a run, less what depends on when or how its steps arrived. */
async function overviewNumbers(page: Page, runId: string) {
  const reply = await page.request.get(`/api/runs/${runId}/overview`);
  expect(reply.ok(), await reply.text()).toBe(true);
  const o = (await reply.json()) as {
    stepCount: number;
    lastStep: number | null;
    metricKeys: string[];
    run: { status: string; currentStep: number; totalSteps: number; config: unknown };
    series: Record<string, { time: number }[]>;
    events: { step: number; kind: string; status: string; error: string | null }[];
    best: unknown;
    newest: unknown;
  };
  return {
    stepCount: o.stepCount,
    lastStep: o.lastStep,
    status: o.run.status,
    currentStep: o.run.currentStep,
    totalSteps: o.run.totalSteps,
    config: o.run.config,
    metricKeys: o.metricKeys,
    // A bucket's time is when its step was committed: the one figure that tells the two runs apart.
    series: Object.fromEntries(
      Object.entries(o.series).map(([key, buckets]) => [key, buckets.map(({ time: _t, ...b }) => b)]),
    ),
    // An event names its child by database row, which differs between runs; the rest must not.
    events: o.events.map(({ step, kind, status, error }) => ({ step, kind, status, error })),
    best: o.best,
    newest: o.newest,
  };
}

/** The run page's progress line and its "Values per step" table, as rendered. */
async function renderedNumbers(page: Page, runId: string) {
  await page.goto(`/runs/${runId}`);
  await page.getByText("Values per step").click();
  const table = page.getByRole("table", { name: "Values per step" });
  await expect(table).toBeVisible();
  return {
    progress: ((await page.getByTestId("run-progress").textContent()) ?? "").match(STEP_LINE)?.[0],
    headers: await table.locator("thead th").allTextContents(),
    rows: await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent))),
  };
}

test("a reference run replayed through the API grows live on its page and matches a direct import", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const project = await createProject();
  await signInAs(context, [{ id: project.id, role: "editor" }]);
  await page.goto(`/projects/${project.slug}/settings/tokens`);
  await page.getByLabel("Name").fill("replay");
  await page.getByLabel("Token role").selectOption("editor");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("created-token").inputValue();

  // A bogus DATABASE_URL: the example reaches the server over HTTP only.
  const replay = startReplay(
    { ESPL_URL: baseURL!, ESPL_TOKEN: token, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
    [FOLDER, "--project", project.id, "--delay-ms", "1000"],
  );
  const created = await replay.line(/^run [0-9a-f-]{36} /);
  // Held while its page opens, so the page sees the run from (about) its first step.
  replay.child.kill("SIGSTOP");
  const runId = /^run ([0-9a-f-]{36}) /.exec(created)![1]!;
  // The page's event stream for this run (without it the page would fall back to polling).
  const stream = page.waitForResponse(
    (r) => r.url().includes(`/api/events?runs=${runId}`) && r.status() === 200,
  );
  await page.goto(`/runs/${runId}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await stream;
  // Every text the progress line takes from now on, and a mark a reload would wipe.
  const first = await page.getByTestId("run-progress").evaluate((el) => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    new MutationObserver(() => w.seen.push(el.textContent ?? "")).observe(el, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    return el.textContent ?? "";
  });
  const [, firstCount, total] = STEP_LINE.exec(first)!.map(Number);
  expect(firstCount).toBeLessThan(total! / 2);
  replay.child.kill("SIGCONT");

  // Mid-run, in both themes.
  const progress = page.getByTestId("run-progress");
  await expect(progress).toHaveText(new RegExp(`^step ([4-9]|\\d\\d) / ${total}`));
  await expect(page.getByTestId("run-status")).toHaveText("running");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/replay-live-${colorScheme}.png`, fullPage: true });
    expect(await findSeriousViolations(page), `live replay (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  const result = await replay.done;
  expect(result.code, result.stderr).toBe(0);
  const stepLines = result.stdout.split("\n").filter((l) => /^step \d+ \(\d+\/\d+\): written/.test(l));
  const summary = new RegExp(`^done: ${stepLines.length} steps, completed, best test Pass@1 (\\S+)$`, "m");
  expect(result.stdout).toMatch(summary);
  await expect(progress).toHaveText(new RegExp(`^step ${total} / ${total}`));
  await expect(page.getByTestId("run-status")).toHaveText("completed");
  // The count went up on this page, step by step, without a reload (the mark survived).
  const seen = await page.evaluate(() => (window as unknown as { seen?: string[] }).seen);
  const counts = [firstCount!, ...seen!.map((t) => Number(STEP_LINE.exec(t)?.[1]))].filter(Number.isFinite);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
  expect(counts.at(-1)).toBe(total);

  // The same folder imported directly, with the same token.
  const archive = join(mkdtempSync(join(tmpdir(), "espl-e2e-replay-")), `${RUN}.tar.gz`);
  execFileSync("tar", ["-czf", archive, RUN], { cwd: join(FOLDER, "..") });
  const imported = await page.request.post(`/api/v1/imports?project=${project.slug}&format=tar.gz`, {
    headers: { authorization: `Bearer ${token}` },
    data: readFileSync(archive),
  });
  expect(imported.ok(), await imported.text()).toBe(true);
  const directId = ((await imported.json()) as { runId: string }).runId;
  expect(directId).not.toBe(runId);

  const [logged, direct] = [await overviewNumbers(page, runId), await overviewNumbers(page, directId)];
  expect(Object.keys(logged.series).length).toBeGreaterThan(0);
  expect(logged.events.length).toBeGreaterThan(0);
  expect(logged.best).not.toBeNull();
  expect(logged.stepCount).toBe(stepLines.length);
  expect(logged).toEqual(direct);

  const espl = new EsplClient({ url: baseURL!, token });
  const [loggedRun, directRun] = [await espl.getRun(runId), await espl.getRun(directId)];
  expect(loggedRun.bestTestPass1).not.toBeNull();
  expect(loggedRun.bestTestPass1).toBe(directRun.bestTestPass1);
  expect(summary.exec(result.stdout)![1]).toBe(String(directRun.bestTestPass1));
  expect(loggedRun.bestProgramId).toBe(directRun.bestProgramId);

  const [loggedPage, directPage] = [
    await renderedNumbers(page, runId),
    await renderedNumbers(page, directId),
  ];
  expect(loggedPage.rows).toHaveLength(stepLines.length);
  expect(loggedPage).toEqual(directPage);
});
