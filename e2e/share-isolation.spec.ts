import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { createProjectRow, createRunRow, createShareToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createRolloutRow } from "@/lib/server/read/testing/rollout-fixtures";
import { createPrismaClient } from "@/lib/server/db/client";

/**
 * Every page under /s (found by walking app/s, so a new page is covered without a change here) is
 * requested over HTTP for run A with share links that may not read it: a link to another run of the same
 * project, a link into another project, a revoked and an expired link to run A, and a token that never
 * existed. Each answers 404 and carries none of run A's text. The /api routes get the same treatment,
 * handler by handler, in lib/server/auth/share-isolation.db.test.ts; two of them are checked here over HTTP too.
 */
const MARKER = `secret-of-run-a-${randomBytes(6).toString("hex")}`;

function listSharePages(): string[] {
  return (readdirSync(join("app", "s"), { recursive: true }) as string[])
    .filter((rel) => rel.endsWith(`page.tsx`))
    .map((rel) => rel.split(sep).slice(0, -1).join("/"))
    .sort();
}

test("no page under /s shows run A through a link that may not read it", async ({ request }) => {
  test.setTimeout(120_000);
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  const projectA = await createProjectRow(prisma, "isolation A");
  const projectB = await createProjectRow(prisma, "isolation B");
  const runA = await createRunRow(prisma, projectA.id, `run A ${MARKER}`, "completed");
  await createRolloutRow(prisma, runA.id, "4", `Principle ${MARKER}`);
  const otherRunA = await createRunRow(prisma, projectA.id, "another run in A", "completed");
  const runB = await createRunRow(prisma, projectB.id, "run in B", "completed");
  const tokens = {
    linkToOtherRun: (await createShareToken(prisma, { projectId: projectA.id, runIds: [otherRunA.id] }))
      .token,
    linkToOtherProject: (await createShareToken(prisma, { projectId: projectB.id, runIds: [runB.id] })).token,
    revokedLink: (
      await createShareToken(prisma, { projectId: projectA.id, runIds: [runA.id], revokedAt: new Date() })
    ).token,
    expiredLink: (
      await createShareToken(prisma, {
        projectId: projectA.id,
        runIds: [runA.id],
        expiresAt: new Date(Date.now() - 1_000),
      })
    ).token,
    unknownToken: randomBytes(32).toString("base64url"),
  };
  const ownLink = (await createShareToken(prisma, { projectId: projectA.id, runIds: [runA.id] })).token;
  await prisma.$disconnect();

  const pages = listSharePages();
  // The run's own views and the link's landing page at least: a walk that found nothing proves nothing.
  expect(pages).toEqual(
    expect.arrayContaining(["[token]", "[token]/runs/[id]", "[token]/runs/[id]/rollouts"]),
  );
  const urlOf = (page: string, token: string) =>
    `/s/${page.replace("[token]", token).replace("[id]", runA.id)}`;

  // Run A's own link opens its pages and shows its name: the URLs below do reach run A.
  const own = await request.get(urlOf("[token]/runs/[id]", ownLink));
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain(MARKER);

  for (const page of pages) {
    // The landing page of a link to another run is that run's page: allowed, as long as A stays out.
    for (const [caller, token] of Object.entries(tokens)) {
      const response = await request.get(urlOf(page, token), { maxRedirects: 5 });
      const body = await response.text();
      const landsElsewhere =
        page === "[token]" && (caller === "linkToOtherRun" || caller === "linkToOtherProject");
      if (!landsElsewhere) expect(response.status(), `${caller} ${page}`).toBe(404);
      expect(body, `${caller} ${page}`).not.toContain(MARKER);
    }
  }

  // Over real HTTP too, with the token in a header and in the query string.
  for (const token of [tokens.linkToOtherRun, tokens.linkToOtherProject]) {
    const byHeader = await request.get(`/api/runs/${runA.id}/export?format=json`, {
      headers: { "x-share-token": token },
    });
    expect(byHeader.status()).toBe(404);
    expect(await byHeader.text()).not.toContain(MARKER);
    const byQuery = await request.get(`/api/runs/${runA.id}/rollouts?split=train&share=${token}`);
    expect(byQuery.status()).toBe(404);
  }
});
