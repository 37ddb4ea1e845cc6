/** A fresh, migrated database for a benchmark: on TEST_DATABASE_URL's server, or an ephemeral embedded one. */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { findFreePort } from "@/lib/testing/free-port";

export interface BenchDatabase {
  url: string;
  prisma: ReturnType<typeof createPrismaClient>;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    mkdirSync(".data", { recursive: true });
    const server = await startEmbeddedDatabase({
      dataDir: mkdtempSync(join(".data", "bench-pg-")),
      port: await findFreePort(),
      database: "postgres",
      ephemeral: true,
    });
    adminUrl = server.adminUrl;
    stopServer = () => server.stop();
  }
  const name = `espl_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await applyMigrations(url);
  const prisma = createPrismaClient(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    url,
    prisma,
    pool,
    async drop() {
      await prisma.$disconnect();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await stopServer();
    },
  };
}
