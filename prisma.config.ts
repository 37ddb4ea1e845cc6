import "dotenv/config";
import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` here (its migration engine cannot be downloaded offline);
// migrations are applied by lib/server/db/migrate.ts. The URL is read lazily so generate works without one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
