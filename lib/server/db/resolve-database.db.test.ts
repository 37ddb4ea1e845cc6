import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { findFreePort } from "@/lib/tools/testing/free-port";
import { startEmbeddedDatabase } from "./embedded";
import { DatabaseStartError } from "./errors";
import { checkConnection, resolveDatabase } from "./resolve-database";

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Array.isArray(result) ? [] : result.rows;
  } finally {
    await client.end();
  }
}

function tempDataDir(): string {
  mkdirSync(".data", { recursive: true });
  return mkdtempSync(join(".data", "test-embedded-"));
}

describe("resolveDatabase", () => {
  test("an unreachable DATABASE_URL gives a readable error naming the server", async () => {
    const port = await findFreePort();
    const url = `postgresql://nobody@127.0.0.1:${port}/nothing`;
    const error = await resolveDatabase({ DATABASE_URL: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as Error).message).toMatch(
      new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/nothing`),
    );
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  test("an invalid embedded port is refused before anything starts", async () => {
    await expect(resolveDatabase({ EMBEDDED_PG_PORT: "not-a-port" })).rejects.toThrow(
      /EMBEDDED_PG_PORT must be a TCP port/,
    );
  });

  test("the embedded server starts, serves queries, keeps its data and restarts on the same folder", async () => {
    const dataDir = tempDataDir();
    const port = await findFreePort();
    const first = await startEmbeddedDatabase({ dataDir, port, database: "espl" });
    try {
      await checkConnection(first.url);
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedDatabase({ dataDir, port, database: "espl", ephemeral: true });
    try {
      const rows = await query(second.url, "SELECT note FROM kept");
      expect(rows).toEqual([{ note: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  test("a second embedded server on a taken port fails with a readable error", async () => {
    const port = await findFreePort();
    const first = await startEmbeddedDatabase({
      dataDir: tempDataDir(),
      port,
      database: "espl",
      ephemeral: true,
    });
    try {
      const error = await startEmbeddedDatabase({
        dataDir: tempDataDir(),
        port,
        database: "espl",
        ephemeral: true,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect((error as Error).message).toMatch(new RegExp(`did not start on port ${port}`));
      expect((error as Error).message).toMatch(/EMBEDDED_PG_PORT|DATABASE_URL/);
    } finally {
      await first.stop();
    }
  });
});
