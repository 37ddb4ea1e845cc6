/**
 * A node-postgres pool for the statements Prisma does not express well: the runner's array-parameter bulk
 * inserts and LISTEN. One per process, like the Prisma client. node-postgres replaces broken connections
 * on the next checkout, which is how a worker survives a database restart.
 */
import "server-only";
import pg from "pg";

const cache = globalThis as unknown as { esplPgPool?: pg.Pool };

export function getPgPool(): pg.Pool {
  if (!cache.esplPgPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    // An idle client killed by the server emits 'error' on the pool; without a listener that crashes the
    // process. The next checkout simply gets a fresh connection.
    pool.on("error", () => {});
    cache.esplPgPool = pool;
  }
  return cache.esplPgPool;
}
