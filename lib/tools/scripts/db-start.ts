/** `npm run db:start`: runs the embedded PostgreSQL in the foreground (for tools like psql). */
import "dotenv/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabase } from "@/lib/server/db/resolve-database";

const db = await resolveDatabase({ ...process.env, DATABASE_URL: "" });
await applyMigrations(db.url);
console.log(`embedded PostgreSQL ready: ${db.url}   (Ctrl-C stops it)`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, async () => {
    await db.embedded?.stop();
    process.exit(0);
  });
setInterval(() => {}, 1 << 30);
