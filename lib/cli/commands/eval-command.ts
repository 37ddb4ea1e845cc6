/**
 * `espl eval RUN --checkpoints … --programs …`: queues an evaluation for the workers; with --wait follows
 * it (progress on stderr) and prints the grid. As with runs, an evaluation no worker takes within
 * ESPL_WORKER_PICKUP_MS is graded here; should a worker take it at the same moment, both write the same
 * deterministic rows, which the unique keys keep single.
 */
import { executeEvaluation } from "@/lib/server/evaluations/execute-evaluation";
import { launchEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { getEvaluation, type EvaluationDetail } from "@/lib/server/evaluations/read-evaluations";
import { sleep } from "@/lib/server/runner/retry";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import type { EvalCommand } from "../eval-options";
import { resolveRunRef } from "../run-ref";
import { readPickupMs } from "./wait-command";

const POLL_MS = 500;
const OVER = new Set(["completed", "failed", "cancelled"]);

const fixed = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(3));

/** What an unfinished or ungradable cell says in place of its mean reward. */
const STATUS_WORDS = {
  pending: "pending",
  not_graded: "not graded",
  needs_backend: "needs a live backend",
} as const;

/** The grid as aligned text lines: one per cell. */
export function formatGridLines(detail: EvaluationDetail): string[] {
  const lines = [
    `evaluation ${detail.id}  ${detail.status}  cells ${detail.cellsDone}/${detail.cellsTotal}`,
    `${"checkpoint".padEnd(18)} ${"program".padStart(7)} ${"n".padStart(6)} ${"Pass@1".padStart(7)}  mean reward [95% CI]`,
  ];
  for (const cell of detail.view.cells) {
    const ci = cell.ci ? ` [${cell.ci.low.toFixed(3)}, ${cell.ci.high.toFixed(3)}]` : "";
    const recorded = cell.status === "recorded" ? `  (${cell.note ?? "recorded"})` : "";
    const value =
      cell.status === "pending" || cell.status === "not_graded" || cell.status === "needs_backend"
        ? STATUS_WORDS[cell.status]
        : fixed(cell.metrics.mean_reward) + ci + recorded;
    lines.push(
      `${cell.checkpoint.padEnd(18)} ${String(cell.program).padStart(7)} ${String(cell.n).padStart(6)} ` +
        `${fixed(cell.metrics["Pass@1"]).padStart(7)}  ${value}`,
    );
  }
  if (detail.view.transferNote) lines.push(detail.view.transferNote);
  const d = detail.view.decomposition;
  if (d) {
    const effect = (name: string, e: typeof d.both) =>
      `${name.padEnd(13)} ${e.estimate >= 0 ? "+" : ""}${e.estimate.toFixed(3)}` +
      (e.ci ? ` [${e.ci.low.toFixed(3)}, ${e.ci.high.toFixed(3)}]` : "");
    lines.push(
      "gain over base + root (mean reward, 95% paired t-interval):",
      effect("  weights only", d.weightsOnly),
      effect("  prompt only", d.promptOnly),
      effect("  both", d.both),
      effect("  interaction", d.interaction),
    );
  }
  return lines;
}

export function toGridJson(detail: EvaluationDetail) {
  return {
    evaluation: detail.id,
    status: detail.status,
    cells: detail.view.cells.map((c) => ({
      checkpoint: c.checkpoint,
      program: c.program,
      status: c.status,
      note: c.note,
      n: c.n,
      metrics: c.metrics,
      ci: c.ci,
    })),
    decomposition: detail.view.decomposition,
  };
}

export async function runEvalCommand(ctx: CliContext, command: EvalCommand): Promise<number> {
  const prisma = ctx.db.prisma;
  const runId = await resolveRunRef(prisma, command.run);
  const { projectId } = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: { projectId: true },
  });
  const scope = { projectIds: [projectId] };
  const created = await launchEvaluation(prisma, await ctx.db.getBoss(), runId, command.spec);
  ctx.note(`evaluation ${created.id} queued: ${created.cells} cells, ${created.samplesTotal} samples`);
  const print = (detail: EvaluationDetail) => {
    if (command.json) ctx.out(JSON.stringify(toGridJson(detail)));
    else for (const line of formatGridLines(detail)) ctx.out(line);
  };
  if (!command.wait) {
    if (command.json) print(await getEvaluation(scope, runId, created.id));
    else ctx.out(created.id);
    return EXIT.ok;
  }

  const pickupBy = Date.now() + readPickupMs(ctx.env);
  let last = "";
  for (;;) {
    if (ctx.signal.aborted) {
      ctx.note(`interrupted; the evaluation goes on in the workers (${created.id})`);
      return EXIT.interrupted;
    }
    const job = await prisma.evaluationJob.findUniqueOrThrow({
      where: { id: created.id },
      select: { status: true, cellsDone: true, cellsTotal: true, etaSeconds: true },
    });
    const progress = `${job.status} cells ${job.cellsDone}/${job.cellsTotal}${job.etaSeconds !== null ? ` eta ${job.etaSeconds}s` : ""}`;
    if (progress !== last) ctx.note(progress);
    last = progress;
    if (OVER.has(job.status)) break;
    if (job.status === "queued" && Date.now() >= pickupBy) {
      ctx.note("no worker took it yet: evaluating here");
      const outcome = await executeEvaluation(prisma, created.id, { signal: ctx.signal });
      if (outcome === "interrupted") continue;
      break;
    }
    await sleep(POLL_MS, ctx.signal).catch(() => {});
  }
  const detail = await getEvaluation(scope, runId, created.id);
  print(detail);
  if (detail.status !== "completed") {
    ctx.note(`evaluation ${detail.status}${detail.error ? `: ${detail.error}` : ""}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
