/**
 * The web process's status (GET /api/health, unchanged), liveness (GET /api/health/live: 200 while it
 * answers at all) and readiness (GET /api/health/ready): ready only while the database answers and has
 * every migration of this build; otherwise 503 with the reason in plain words. Real databases throughout, and real sockets for the database that is down or hangs.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/client";
import { listMigrations } from "@/lib/server/db/migrate";
import { callRouteHandler } from "@/lib/server/auth/testing/call-route";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { checkReadiness } from "./health";

const READY = "app/api/health/ready/route.ts";
const HEALTH = "app/api/health/route.ts";
const ALIVE = "app/api/health/live/route.ts";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  // The routes read the process-wide client, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  await db?.drop();
});

async function listen(onConnection: (socket: Socket) => void = () => {}): Promise<Server> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
const portOf = (server: Server) => (server.address() as { port: number }).port;

test("ready while the database answers with every migration applied; /api/health keeps its shape", async () => {
  const ready = await callRouteHandler(READY, "GET", { path: "/api/health/ready" });
  expect(ready.status).toBe(200);
  expect(JSON.parse(ready.text)).toMatchObject({ ready: true, reasons: [] });

  const live = await callRouteHandler(HEALTH, "GET", { path: "/api/health" });
  expect(live.status).toBe(200);
  expect(Object.keys(JSON.parse(live.text)).sort()).toEqual(["db", "migrations", "ok", "time", "worker"]);
});

test("a migration missing from the database: 503 saying how many and what to run", async () => {
  const last = listMigrations().at(-1)!;
  const { rows } = await db.pool.query(
    `DELETE FROM "_prisma_migrations" WHERE migration_name = $1 RETURNING *`,
    [last],
  );
  expect(rows).toHaveLength(1);
  try {
    const res = await callRouteHandler(READY, "GET", { path: "/api/health/ready" });
    expect(res.status).toBe(503);
    const body = JSON.parse(res.text) as { ready: boolean; reasons: string[] };
    expect(body.ready).toBe(false);
    expect(body.reasons).toEqual([expect.stringMatching(/^1 migration is not applied yet .*db:migrate/)]);
  } finally {
    const r = rows[0] as Record<string, unknown>;
    await db.pool.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [r.id, r.checksum, r.migration_name],
    );
  }
  expect((await checkReadiness(db.prisma)).ready, "ready again once it is back").toBe(true);
});

test("a database nobody migrated is not ready", async () => {
  const empty = await createTestDatabase({ empty: true });
  try {
    const readiness = await checkReadiness(empty.prisma);
    expect(readiness).toMatchObject({ ready: false });
    expect(readiness.reasons).toEqual(["the database's migrations could not be read (none applied yet?)"]);
  } finally {
    await empty.drop();
  }
});

test("a database that refuses connections, or accepts and never answers, is not ready", async () => {
  // A port that was just free: nothing listens there.
  const closed = await listen();
  const closedPort = portOf(closed);
  await new Promise((resolve) => closed.close(resolve));
  const refused = createPrismaClient(`postgresql://postgres@127.0.0.1:${closedPort}/none`);
  expect(await checkReadiness(refused)).toMatchObject({
    ready: false,
    reasons: ["the database does not answer"],
  });
  // Through the routes, with the process-wide client (lib/server/db/client.ts) swapped for that one:
  // not ready, yet alive, so an orchestrator takes the process out of rotation without restarting it.
  const cache = globalThis as unknown as { esplPrisma?: PrismaClient };
  const own = cache.esplPrisma;
  cache.esplPrisma = refused;
  try {
    const ready = await callRouteHandler(READY, "GET", { path: "/api/health/ready" });
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ ready: false, reasons: ["the database does not answer"] });
    const live = await callRouteHandler(ALIVE, "GET", { path: "/api/health/live" });
    expect(live.status).toBe(200);
    expect(JSON.parse(live.text)).toMatchObject({ alive: true });
  } finally {
    cache.esplPrisma = own;
  }
  await refused.$disconnect().catch(() => {});

  // A server that takes the connection and says nothing: the probe gives up rather than hanging.
  const sockets: Socket[] = [];
  const silent = await listen((socket) => void sockets.push(socket));
  const hanging = createPrismaClient(`postgresql://postgres@127.0.0.1:${portOf(silent)}/none`);
  try {
    expect(await checkReadiness(hanging, 300)).toMatchObject({
      ready: false,
      reasons: ["the database did not answer within 0.3 s"],
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await hanging.$disconnect().catch(() => {});
  }
});
