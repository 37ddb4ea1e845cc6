/** A fresh, migrated database for a benchmark: on TEST_DATABASE_URL's server, or an ephemeral embedded one. */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { startEmbeddedDatabase } from "@/lib/server/db/embedded";
import { applyMigrations } from "@/lib/server/db/migrate";
import { findFreePort } from "@/lib/tools/testing/free-port";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/tools/testing/scratch-database";

export type BenchDatabase = ScratchDatabase;

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
  const db = await createScratchDatabase(adminUrl, { prefix: "espl_bench" });
  await applyMigrations(db.url);
  return {
    ...db,
    async drop() {
      await db.drop();
      await stopServer();
    },
  };
}
