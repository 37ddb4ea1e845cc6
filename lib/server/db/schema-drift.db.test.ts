import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import {
  actualShape,
  expectedShape,
  readSchemaDmmf,
  unindexedForeignKeys,
  type SchemaShape,
} from "./schema-drift";

let db: TestDatabase;
let expected: SchemaShape;
let actual: SchemaShape;

beforeAll(async () => {
  db = await createTestDatabase();
  expected = expectedShape(readSchemaDmmf());
  actual = await actualShape(db.pool);
});
afterAll(() => db.drop());

describe("migrations match schema.prisma", () => {
  test("same tables", () => {
    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
  });
  test("same columns, types and nullability", () => {
    expect(actual.tables).toEqual(expected.tables);
  });
  test("same enums and values", () => {
    expect(actual.enums).toEqual(expected.enums);
  });
  test("same indexes", () => {
    expect(actual.indexes).toEqual(expected.indexes);
  });
  test("same foreign keys", () => {
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });
  test("every foreign key is covered by an index", () => {
    expect(unindexedForeignKeys(actual)).toEqual([]);
  });
});
