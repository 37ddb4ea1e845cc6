/**
 * npm run bench:eval: trains a small simulated run (8 steps, checkpoints saved every 3), then evaluates
 * 4 checkpoints (base, the two periodic saves, final) × 3 programs (root and the two best others by
 * μ − 3σ) × 40 problems (the built-in suite's train split: its test split has 30) × 4 samples on the
 * simulator, three times with different seeds, printing wall time and database rows written per second
 * (samples + cells). Prints figures; asserts nothing.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { rankPrograms } from "@/lib/domain/evaluations/resolve-pairs";
import { createEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { executeEvaluation } from "@/lib/server/evaluations/execute-evaluation";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";

const CONFIG = {
  ...SMALL_RUN_CONFIG,
  max_pool_size: 6,
  choose_from_most_recent: 6,
  save_every: 3,
};
const PROBLEMS = 40;
const SAMPLES = 4;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const project = await db.prisma.project.create({ data: { name: "Bench", slug: "bench" } });
    const runId = await createRunningRun(db.prisma, { projectId: project.id, seed: 1, config: CONFIG });
    const outcome = await executeRunDirectly(db.prisma, runId);
    if (outcome.kind !== "completed") throw new Error(`the run ended ${outcome.kind}`);
    const periodic = await db.prisma.checkpoint.findMany({
      where: { runId, name: { notIn: ["best", "final"] } },
      orderBy: { step: "asc" },
      take: 2,
    });
    const programs = await db.prisma.program.findMany({
      where: { runId },
      select: { programId: true, mu: true, sigma: true },
    });
    const others = rankPrograms(programs.filter((p) => p.programId !== 0)).slice(0, 2);
    const spec = {
      checkpoints: ["base", ...periodic.map((c) => String(c.step)), "final"],
      programs: ["root", ...others.map((p) => String(p.programId))],
      split: "train",
      maxProblems: PROBLEMS,
      samples: SAMPLES,
    };
    console.log(
      `evaluation ${spec.checkpoints.join(",")} × ${spec.programs.join(",")} × ${PROBLEMS} problems × ${SAMPLES} samples ` +
        `(${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}):`,
    );
    for (const seed of [1, 2, 3]) {
      const created = await createEvaluation(db.prisma, runId, { ...spec, seed });
      const start = performance.now();
      const result = await executeEvaluation(db.prisma, created.id);
      const seconds = (performance.now() - start) / 1000;
      const samples = Number(
        (
          await db.pool.query("SELECT count(*) n FROM evaluation_samples WHERE evaluation_id = $1", [
            created.id,
          ])
        ).rows[0].n,
      );
      const rows = samples + created.cells;
      console.log(
        `  seed ${seed}: ${result}, ${created.cells} cells, ${samples} samples; wall ${seconds.toFixed(2)} s; ` +
          `${(rows / seconds).toFixed(0)} rows/s written (samples + cells)`,
      );
    }
  } finally {
    await db.drop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
