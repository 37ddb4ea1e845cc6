import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { applyMigrations, listMigrations } from "./migrate";

let db: TestDatabase | null = null;
afterEach(async () => {
  await db?.drop();
  db = null;
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "espl-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("applyMigrations", () => {
  test("applies the repo's migrations to an empty database and records them for Prisma", async () => {
    db = await createTestDatabase({ empty: true });
    const first = await applyMigrations(db.url);
    expect(first.applied).toEqual(listMigrations());
    const rows = await db.pool.query(
      `SELECT migration_name, finished_at IS NOT NULL AS done, length(checksum) AS len FROM "_prisma_migrations"`,
    );
    expect(rows.rows).toEqual(listMigrations().map((m) => ({ migration_name: m, done: true, len: 64 })));
    const second = await applyMigrations(db.url);
    expect(second).toEqual({ applied: [], alreadyApplied: listMigrations() });
  });

  test("a failing migration is rolled back whole and not recorded", async () => {
    db = await createTestDatabase({ empty: true });
    const dir = migrationsDir({
      "001_ok": "CREATE TABLE a (id int);",
      "002_bad": "CREATE TABLE b (id int); SELECT * FROM no_such_table;",
    });
    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/migration 002_bad failed/);
    const tables = await db.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('a', 'b')`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(["a"]);
    const recorded = await db.pool.query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(["001_ok"]);
  });

  test("refuses a migration that was edited after it was applied", async () => {
    db = await createTestDatabase({ empty: true });
    const dir = migrationsDir({ "001_t": "CREATE TABLE t (id int);" });
    await applyMigrations(db.url, dir);
    writeFileSync(join(dir, "001_t", "migration.sql"), "CREATE TABLE t (id bigint);");
    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/changed after it was applied/);
  });

  test("concurrent starters apply each migration once", async () => {
    db = await createTestDatabase({ empty: true });
    const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, listMigrations().length]);
  });
});
