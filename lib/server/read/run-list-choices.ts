import "server-only";
/** What the runs list's column, filter and group pickers offer: every config key and the metrics runs log. */
import type { ReadScope } from "@/lib/server/auth/scope";
import { runWhere } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { CONFIG_KEYS } from "@/lib/domain/runs/list/list-columns";
import { queryLoggedKeys } from "./experiment-groups";

/** The newest runs' logged keys stand for the project's: older runs log the same engine's keys. */
const SAMPLED_RUNS = 200;

export interface RunListChoices {
  configKeys: readonly string[];
  metricKeys: string[];
}

export async function listRunListChoices(scope: ReadScope): Promise<RunListChoices> {
  const prisma = getPrisma();
  const runs = await prisma.run.findMany({
    where: runWhere(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SAMPLED_RUNS,
    select: { id: true },
  });
  return {
    configKeys: CONFIG_KEYS,
    metricKeys: await queryLoggedKeys(
      prisma,
      runs.map((r) => r.id),
    ),
  };
}
