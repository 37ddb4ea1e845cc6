/**
 * Vitest global setup for the "db" project: one PostgreSQL server for the run and one migrated template
 * database; each test file clones the template into a database of its own (lib/tools/testing/test-database.ts),
 * so files are isolated without global wipes.
 *
 * TEST_DATABASE_URL (a role that may create databases) selects an existing server; otherwise an
 * ephemeral embedded PostgreSQL is started, so the suite runs on a machine with no database at all.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/server/db/embedded";
import { applyMigrations } from "@/lib/server/db/migrate";
import { findFreePort } from "./free-port";
import { withDatabaseName } from "./scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    mkdirSync(".data", { recursive: true });
    embedded = await startEmbeddedDatabase({
      dataDir: mkdtempSync(join(".data", "test-pg-")),
      port: await findFreePort(),
      database: "postgres",
      ephemeral: true,
    });
    adminUrl = embedded.adminUrl;
  }
  const template = `espl_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await applyMigrations(withDatabaseName(adminUrl, template));
  project.provide("dbAdminUrl", adminUrl);
  project.provide("dbTemplate", template);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  };
}
