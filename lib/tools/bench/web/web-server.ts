/**
 * The production web server (`next start`, from the `npm run build` in this checkout) on a benchmark's
 * database, and a signed-in session for it: what the load, LCP and live-latency benchmarks measure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { createSessionToken } from "@/lib/server/auth/testing/auth-fixtures";
import { findFreePort } from "@/lib/tools/testing/free-port";

// The server and this process sign and check session cookies with the same key.
process.env.ESPL_SECRET_KEY ??= randomBytes(32).toString("base64");

export interface WebServer {
  base: string;
  stop(): Promise<void>;
}

export function hasWebBuild(): boolean {
  return existsSync(".next/BUILD_ID");
}

/** Starts `next start` on `port` (BENCH_PORT, else a free one) and waits until /api/health answers. */
export async function startWebServer(databaseUrl: string, port?: number): Promise<WebServer> {
  const listenPort = port ?? (Number(process.env.BENCH_PORT) || (await findFreePort()));
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const server: ChildProcess = spawn(
    process.execPath,
    [nextBin, "start", "-H", "127.0.0.1", "-p", String(listenPort)],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (server.exitCode !== null) throw new Error(`the web server exited (code ${server.exitCode})`);
    if (Date.now() > deadline) {
      server.kill("SIGTERM");
      throw new Error("the web server did not answer /api/health within 60 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      if (server.exitCode === null) server.kill("SIGTERM");
      await exited;
    },
  };
}

/** A user who owns every project of the database, signed in: the `cookie` header value for requests. */
export async function createOwnerSession(prisma: PrismaClient): Promise<{ token: string; cookie: string }> {
  const projects = await prisma.project.findMany({ select: { id: true } });
  const user = await prisma.user.create({
    data: {
      email: `bench-${Date.now()}@bench.test`,
      name: "Bench viewer",
      memberships: { create: projects.map((p) => ({ projectId: p.id, role: "owner" as const })) },
    },
  });
  const token = await createSessionToken(prisma, user.id);
  return { token, cookie: `${SESSION_COOKIE}=${token}` };
}
