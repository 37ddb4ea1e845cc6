import { createPrismaClient } from "@/lib/db/client";
import { startBoss } from "@/lib/queue/boss";
import { createRun, ensureDefaultProject } from "@/lib/runs/create-run";

/**
 * Creates and queues a real run on the simulator in the server's database (the worker beside the
 * server executes it), through the product's own createRun.
 */
export async function makeRun(name: string, config: Record<string, unknown>): Promise<string> {
  const url = process.env.E2E_DB_URL!;
  const prisma = createPrismaClient(url);
  const boss = await startBoss(url);
  try {
    const project = await ensureDefaultProject(prisma);
    const run = await createRun(
      prisma,
      { projectId: project.id, name, preset: "espl-lucb", config },
      { boss },
    );
    return run.id;
  } finally {
    await boss.stop({ graceful: false });
    await prisma.$disconnect();
  }
}
