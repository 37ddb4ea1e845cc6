/**
 * Compares what schema.prisma declares with what the migrated database holds: tables, columns, types,
 * nullability, enums and indexes, and that every foreign key is covered by an index. Prisma's own diff
 * needs the native schema engine; this uses the schema parser that ships as WebAssembly instead.
 */
import "server-only";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type pg from "pg";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  /** Unsupported("…") fields, which the DMMF leaves out (read from the schema text by readSchemaDmmf). */
  unsupported?: { model: string; column: string; type: string; required: boolean }[];
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

export interface SchemaShape {
  /** table → column → "type NULL|NOT NULL" */
  tables: Record<string, Record<string, string>>;
  enums: Record<string, string[]>;
  /** "table(unique|index: col,col)" entries, sorted. */
  indexes: string[];
  /** "table(col,col)" foreign keys. */
  foreignKeys: string[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Boolean: "bool",
  Json: "jsonb",
  DateTime: "timestamp",
  Decimal: "numeric",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid", Timestamptz: "timestamptz", Text: "text" };

export function readSchemaDmmf(schemaPath = "prisma/schema.prisma"): Dmmf {
  const require = createRequire(import.meta.url);
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  const text = readFileSync(schemaPath, "utf8");
  const dmmf: Dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: text })));
  dmmf.unsupported = [];
  for (const block of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm))
    for (const f of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("(\w+)"\)(\?)?(.*)$/gm)) {
      const map = /@map\("(\w+)"\)/.exec(f[4]!);
      dmmf.unsupported.push({ model: block[1]!, column: map?.[1] ?? f[1]!, type: f[2]!, required: !f[3] });
    }
  return dmmf;
}

export function expectedShape(dmmf: Dmmf): SchemaShape {
  const enumDb = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const shape: SchemaShape = { tables: {}, enums: {}, indexes: [], foreignKeys: [] };
  for (const e of dmmf.datamodel.enums)
    shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const column = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName);
      return f?.dbName ?? fieldName;
    };
    const columns: Record<string, string> = {};
    for (const f of model.fields) {
      if (f.kind === "object") {
        if (f.relationFromFields?.length)
          shape.foreignKeys.push(`${table}(${f.relationFromFields.map(column).join(",")})`);
        continue;
      }
      const base =
        f.kind === "enum"
          ? enumDb.get(f.type)!
          : (f.nativeType && NATIVE_TYPES[f.nativeType[0]]) || SCALAR_TYPES[f.type] || f.type;
      const type = f.isList ? `_${base}` : base;
      // Prisma's migrations create list columns nullable (lists are never optional in the client).
      const nullable = f.isList || !f.isRequired;
      columns[f.dbName ?? f.name] = `${type} ${nullable ? "NULL" : "NOT NULL"}`;
    }
    for (const u of dmmf.unsupported ?? [])
      if (u.model === model.name) columns[u.column] = `${u.type} ${u.required ? "NOT NULL" : "NULL"}`;
    shape.tables[table] = columns;
  }
  for (const idx of dmmf.datamodel.indexes) {
    const model = dmmf.datamodel.models.find((m) => m.name === idx.model)!;
    const table = model.dbName ?? model.name;
    const cols = idx.fields.map((f) => model.fields.find((x) => x.name === f.name)?.dbName ?? f.name);
    const kind = idx.type === "normal" ? "index" : "unique";
    shape.indexes.push(`${table}(${kind}: ${cols.join(",")})`);
  }
  shape.indexes.sort();
  shape.foreignKeys.sort();
  return shape;
}

export async function actualShape(db: pg.Pool | pg.Client): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {}, indexes: [], foreignKeys: [] };
  const columns = await db.query<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: string;
  }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
  );
  for (const c of columns.rows) {
    (shape.tables[c.table_name] ??= {})[c.column_name] =
      `${c.udt_name} ${c.is_nullable === "YES" ? "NULL" : "NOT NULL"}`;
  }
  const enums = await db.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t
     JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const e of enums.rows) (shape.enums[e.name] ??= []).push(e.value);
  const indexes = await db.query<{ table: string; is_unique: boolean; cols: string[] }>(
    `SELECT t.relname AS table, ix.indisunique OR ix.indisprimary AS is_unique,
            array_agg(a.attname::text ORDER BY k.ord) AS cols
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
     GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary`,
  );
  shape.indexes = indexes.rows
    .map((r) => `${r.table}(${r.is_unique ? "unique" : "index"}: ${r.cols.join(",")})`)
    .sort();
  const fks = await db.query<{ table: string; cols: string[] }>(
    `SELECT c.conrelid::regclass::text AS table,
            array_agg(a.attname::text ORDER BY k.ord) AS cols
     FROM pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
     GROUP BY c.oid, c.conrelid`,
  );
  shape.foreignKeys = fks.rows.map((r) => `${r.table.replaceAll('"', "")}(${r.cols.join(",")})`).sort();
  return shape;
}

/** Foreign keys whose columns are not the leading columns of some index (each one is a slow join). */
export function unindexedForeignKeys(shape: SchemaShape): string[] {
  const prefixes = shape.indexes.map((i) => {
    const m = /^(\w+)\((?:unique|index): (.*)\)$/.exec(i)!;
    return { table: m[1], cols: m[2]!.split(",") };
  });
  return shape.foreignKeys.filter((fk) => {
    const m = /^(\w+)\((.*)\)$/.exec(fk)!;
    const cols = m[2]!.split(",");
    return !prefixes.some((p) => p.table === m[1] && cols.every((c, i) => p.cols[i] === c));
  });
}
