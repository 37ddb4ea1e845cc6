/**
 * A database of this test file's own, cloned from the migrated template made by global-db-setup.ts.
 * Cloning a template is a file copy inside PostgreSQL: far faster than migrating per file.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient } from "../db/client";

export interface TestDatabase {
  url: string;
  prisma: ReturnType<typeof createPrismaClient>;
  /** A raw node-postgres pool, for catalog queries and SQL the client does not express. */
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** `empty: true` skips the template, for tests of the migration runner itself. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("dbAdminUrl");
  const template = inject("dbTemplate");
  const name = `espl_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${options.empty ? "" : ` TEMPLATE ${template}`}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const prisma = createPrismaClient(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    url,
    prisma,
    pool,
    async drop() {
      await prisma.$disconnect();
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
