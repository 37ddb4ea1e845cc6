/**
 * npm run bench:lcp — Largest Contentful Paint of the large benchmark run's pages in headless Chromium
 * (the system one, /usr/bin/chromium, unless Playwright's own is installed), in the light and the dark
 * theme, against the production server (`npm run build` first) on a scratch database (TEST_DATABASE_URL's
 * server, or an embedded one): bench:dashboard's large run (2,500 steps, completed) beside 10,000 small
 * runs, and bench:lineage's 1,000-program run. Pages: the large run's overview, the lineage of the
 * 1,000-program run (also: navigation start → the first frame after the graph's nodes are in the DOM,
 * and the part of it from the layout's start) and the comparison of the large run with a small one. Each page
 * is loaded LOADS times per theme (the first load of each is a warm-up, not counted). Figures only;
 * targets: overview LCP ≤ 500 ms, lineage layout + paint ≤ 300 ms.
 */
import { chromium, type Page } from "@playwright/test";
import { percentile } from "@/lib/espl/bench/stats";
import { seedLargeLineage } from "@/lib/tools/bench/lineage/seed-lineage";
import { seedLargeRun } from "@/lib/tools/bench/read/seed-large-run";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { pickBrowserExecutable } from "@/lib/tools/scripts/browser";
import { createOwnerSession, hasWebBuild, startWebServer } from "./web-server";

const LOADS = Number(process.env.BENCH_LOADS ?? 5);

declare global {
  interface Window {
    __graphPaintedAt?: number;
  }
}

/** The LCP: the last candidate the browser reported before any input. */
function readLcp(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}

/**
 * The lineage graph's timing: navigation start → the first frame after its nodes are in the DOM (the
 * figure), and the share of it from the layout's start (the layout, React Flow's render and the paint).
 */
async function readGraphTiming(page: Page): Promise<GraphTiming> {
  await page.waitForFunction(() => window.__graphPaintedAt !== undefined, null, { timeout: 20_000 });
  return page.evaluate(() => {
    const layout = Number(
      document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("data-layout-ms"),
    );
    const doneAt = performance.getEntriesByName("lineage-layout-done")[0]?.startTime ?? Number.NaN;
    const paintedAt = window.__graphPaintedAt!;
    return { fromNavigation: paintedAt, fromLayout: paintedAt - (doneAt - layout), layout };
  });
}

interface GraphTiming {
  fromNavigation: number;
  fromLayout: number;
  layout: number;
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function main() {
  if (!hasWebBuild()) {
    console.log("bench:lcp needs a production build: run `npm run build` first");
    return;
  }
  const db = await createBenchDatabase();
  let stopServer = async () => {};
  const browser = await chromium.launch({
    executablePath: pickBrowserExecutable(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const p = db.prisma;
    const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
    const large = await seedLargeRun(p, project.id, "large bench run");
    await p.run.update({ where: { id: large.id }, data: { status: "completed", finishedAt: new Date() } });
    const { runId: lineageId } = await seedLargeLineage(db.pool, project.id, "lineage bench run");
    await p.$executeRaw`ANALYZE`;
    const small = await p.run.findFirstOrThrow({ where: { name: "small 1" }, select: { id: true } });
    const { token } = await createOwnerSession(p);
    const server = await startWebServer(db.url);
    stopServer = () => server.stop();
    const pages: [string, string, string | null][] = [
      ["overview (large run)", `/runs/${large.id}`, "large bench run"],
      ["lineage (1,000 programs)", `/runs/${lineageId}/lineage`, null],
      ["compare (large + small run)", `/compare?runs=${large.id},${small.id}`, "Compare 2 runs"],
    ];
    for (const theme of ["light", "dark"] as const) {
      const context = await browser.newContext({
        colorScheme: theme,
        viewport: { width: 1280, height: 900 },
      });
      await context.addCookies([
        { name: "espl.session_token", value: token, url: server.base, httpOnly: true, sameSite: "Lax" },
      ]);
      // The first frame after the graph holds its nodes: what a reader first sees of the graph. Source
      // text, not a function: tsx compiles with keepNames, which wraps inner functions in an `__name(...)`
      // helper the page lacks, so a function here threw and the figure came out NaN.
      await context.addInitScript({
        content: `
          requestAnimationFrame(function check() {
            const graph = document.querySelector('[data-testid="lineage-graph"]');
            if (graph && graph.getAttribute("data-layout-count") && graph.querySelector('[data-testid^="lineage-node-"]')) {
              requestAnimationFrame(() => (window.__graphPaintedAt = performance.now()));
              return;
            }
            requestAnimationFrame(check);
          });
        `,
      });
      const page = await context.newPage();
      for (const [label, path, heading] of pages) {
        const lcps: number[] = [];
        const graphs: GraphTiming[] = [];
        for (let i = 0; i <= LOADS; i++) {
          await page.goto(`${server.base}${path}`);
          if (heading) await page.getByRole("heading", { name: heading, exact: true }).waitFor();
          // A graph that never shows its nodes is reported as such, not waited on forever.
          const graph = path.endsWith("/lineage")
            ? await readGraphTiming(page).catch(() => ({
                fromNavigation: Number.NaN,
                fromLayout: Number.NaN,
                layout: Number.NaN,
              }))
            : null;
          await page.waitForLoadState("networkidle");
          const lcp = await readLcp(page);
          if (i === 0) continue; // warm-up
          lcps.push(lcp);
          if (graph) graphs.push(graph);
        }
        const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
        console.log(
          `${theme.padEnd(5)} ${label.padEnd(28)} LCP median ${median(lcps).toFixed(0)} ms (${lcps.map((t) => t.toFixed(0)).join(", ")})` +
            (graphs.length
              ? `; navigation → graph painted median ${median(graphs.map((g) => g.fromNavigation)).toFixed(0)} ms` +
                ` (${graphs.map((g) => g.fromNavigation.toFixed(0)).join(", ")}); layout start → painted median ` +
                `${median(graphs.map((g) => g.fromLayout)).toFixed(0)} ms (layout ${median(graphs.map((g) => g.layout)).toFixed(1)} ms)`
              : "") +
            (dark !== (theme === "dark") ? " [theme not applied!]" : ""),
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stopServer();
    await db.drop();
  }
}

await main();
process.exit(0);
