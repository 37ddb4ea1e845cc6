/**
 * One Prisma client per process, over node-postgres (`@prisma/adapter-pg`): Prisma 7's runtime needs no
 * native engine. The instance survives hot reloads in `next dev` through globalThis.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const cache = globalThis as unknown as { esplPrisma?: PrismaClient };

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export function getPrisma(): PrismaClient {
  if (!cache.esplPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it, also for the embedded database)");
    cache.esplPrisma = createPrismaClient(url);
  }
  return cache.esplPrisma;
}
