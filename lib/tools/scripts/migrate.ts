/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
import "dotenv/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabase } from "@/lib/server/db/resolve-database";

try {
  const db = await resolveDatabase();
  try {
    const result = await applyMigrations(db.url);
    for (const name of result.applied) console.log(`applied ${name}`);
    console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  } finally {
    await db.embedded?.stop();
  }
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
