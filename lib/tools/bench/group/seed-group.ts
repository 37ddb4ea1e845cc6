/**
 * An experiment with many long runs, written with batch inserts (one INSERT … SELECT over
 * generate_series for all steps), for the group-read benchmark and database tests. Runs alternate
 * between two crossover_prob settings; seeds count from 1 within each setting. Test Pass@1..4 and a
 * rollout reward are logged at every step, as a native run logs them (under `logged`).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDefaultConfig } from "@/lib/espl/config";

export interface SeededGroup {
  experimentId: string;
  runIds: string[];
}

export async function seedExperimentGroup(
  prisma: PrismaClient,
  options: { projectId: string; name: string; runs: number; steps: number },
): Promise<SeededGroup> {
  const experiment = await prisma.experiment.create({
    data: { projectId: options.projectId, name: options.name },
  });
  const base = getDefaultConfig();
  const runIds: string[] = [];
  const data = Array.from({ length: options.runs }, (_, i) => {
    const seed = Math.floor(i / 2) + 1;
    const id = crypto.randomUUID();
    runIds.push(id);
    return {
      id,
      projectId: options.projectId,
      experimentId: experiment.id,
      name: `${options.name} · run ${i}`,
      status: "completed" as const,
      trainMode: "evolution_rl" as const,
      config: { ...base, crossover_prob: i % 2 === 0 ? 0 : 0.5, seed },
      seed,
      totalSteps: options.steps,
      currentStep: options.steps,
    };
  });
  await prisma.run.createMany({ data });
  // Deterministic curves that climb with the step and differ by run (its ordinal i).
  await prisma.$executeRaw`
    INSERT INTO steps (run_id, step, epoch, selected_program_ids, metrics, started_at, committed_at)
    SELECT r.id, g.s, 0, '{}'::int[],
      jsonb_build_object('logged', jsonb_build_object(
        'testing/Pass@1', round((0.2 + 0.5 * g.s / ${options.steps}::float8 + 0.1 * sin(g.s * 0.37 + r.i))::numeric, 6)::float8,
        'testing/Pass@2', round((0.3 + 0.5 * g.s / ${options.steps}::float8 + 0.1 * sin(g.s * 0.29 + r.i))::numeric, 6)::float8,
        'testing/Pass@4', round((0.4 + 0.5 * g.s / ${options.steps}::float8 + 0.1 * cos(g.s * 0.31 + r.i))::numeric, 6)::float8,
        'rollout/Agg_avg_reward', round((0.1 + 0.6 * g.s / ${options.steps}::float8 + 0.05 * r.i)::numeric, 6)::float8)),
      now(), now()
    FROM unnest(${runIds}::uuid[]) WITH ORDINALITY AS r(id, i)
    CROSS JOIN generate_series(0, ${options.steps - 1}::int) AS g(s)`;
  return { experimentId: experiment.id, runIds };
}
