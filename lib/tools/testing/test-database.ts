/**
 * A database of this test file's own, cloned from the migrated template made by global-db-setup.ts.
 * Cloning a template is a file copy inside PostgreSQL: far faster than migrating per file.
 */
import { inject } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";

export type TestDatabase = ScratchDatabase;

/** `empty: true` skips the template, for tests of the migration runner itself. */
export function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  return createScratchDatabase(inject("dbAdminUrl"), {
    prefix: "espl_test",
    template: options.empty ? undefined : inject("dbTemplate"),
  });
}
