/**
 * A throwaway database on a server we may create databases on, with a Prisma client and a raw pool, and
 * a `drop()` that removes it. Used by the test databases (cloned from a migrated template) and by the
 * benchmarks (migrated fresh).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrismaClient } from "@/lib/server/db/client";

export interface ScratchDatabase {
  url: string;
  prisma: ReturnType<typeof createPrismaClient>;
  /** A raw node-postgres pool, for catalog queries and SQL the client does not express. */
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createScratchDatabase(
  adminUrl: string,
  options: { prefix: string; template?: string },
): Promise<ScratchDatabase> {
  const name = `${options.prefix}_${randomBytes(6).toString("hex")}`;
  await runAdmin(
    adminUrl,
    `CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ""}`,
  );
  const url = withDatabaseName(adminUrl, name);
  const prisma = createPrismaClient(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    url,
    prisma,
    pool,
    async drop() {
      await prisma.$disconnect();
      await pool.end();
      await runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
