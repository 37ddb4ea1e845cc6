import { describe, expect, test } from "vitest";
import { unindexedForeignKeys, type SchemaShape } from "./schema-drift";

const shape = (indexes: string[], foreignKeys: string[]): SchemaShape => ({
  tables: {},
  enums: {},
  indexes,
  foreignKeys,
});

describe("unindexedForeignKeys", () => {
  test("a foreign key that leads an index is covered", () => {
    expect(unindexedForeignKeys(shape(["runs(index: project_id,created_at)"], ["runs(project_id)"]))).toEqual(
      [],
    );
  });
  test("a foreign key that is only a trailing column is not covered", () => {
    expect(unindexedForeignKeys(shape(["runs(index: status,project_id)"], ["runs(project_id)"]))).toEqual([
      "runs(project_id)",
    ]);
  });
  test("an index on another table does not count", () => {
    expect(unindexedForeignKeys(shape(["steps(unique: run_id,step)"], ["rollouts(run_id)"]))).toEqual([
      "rollouts(run_id)",
    ]);
  });
});
