/**
 * npm run bench:lcp — Largest Contentful Paint of the dashboard's main pages in headless Chromium,
 * against the production server the e2e suite starts, on the data of bench:dashboard (a 2,500-step run
 * with 1,000 programs and 400k rollouts beside 10,000 small runs): the runs list, the large run's
 * overview and a comparison of it with a small run. Each page is loaded LOADS times; prints every LCP and the median. Goal: overview
 * LCP ≤ 1.5 s. Build first (`npm run build`).
 */
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db/client";
import { seedLargeRun } from "@/lib/data/bench/seed-large-run";
import { ensureDefaultProject } from "@/lib/runs/create-run";
import { withDb } from "../db";
import { openPage } from "../open-page";

const LOADS = 5;

async function readLcp(page: Page): Promise<number> {
  // The browser reports LCP candidates as they paint; the last one before any input is the LCP.
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

test("LCP of the runs list, a large run's overview and a comparison", async ({ page }) => {
  test.setTimeout(600_000);
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  const project = await ensureDefaultProject(prisma);
  // The large run of bench:dashboard, beside 10,000 small runs; marked finished so no worker adopts it.
  const large = await seedLargeRun(prisma, project.id, `lcp large ${Date.now()}`);
  await prisma.run.update({ where: { id: large.id }, data: { status: "completed", finishedAt: new Date() } });
  await prisma.$executeRaw`ANALYZE`;
  const small = await prisma.run.findFirstOrThrow({
    where: { projectId: project.id, name: { startsWith: "small " } },
    select: { id: true },
  });
  await prisma.$disconnect();
  const pages: [string, string, string][] = [
    ["runs list", "/runs", "Runs"],
    ["large run overview", `/runs/${large.id}`, (await nameOf(large.id))!],
    ["comparison", `/compare?runs=${large.id},${small.id}`, "Compare 2 runs"],
  ];
  for (const [label, path, heading] of pages) {
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      if (i === 0) await openPage(page, path);
      else await page.reload();
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
      await page.waitForLoadState("networkidle");
      times.push(await readLcp(page));
    }
    console.log(
      `${label} (${path.split("?")[0]}): LCP ${times.map((t) => t.toFixed(0)).join(", ")} ms; median ${median(times).toFixed(0)} ms`,
    );
  }
});

async function nameOf(id: string): Promise<string | undefined> {
  return withDb(async (db) => (await db.query(`SELECT name FROM runs WHERE id = $1`, [id])).rows[0]?.name);
}
