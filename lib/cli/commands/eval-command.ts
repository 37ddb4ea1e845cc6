/**
 * `espl eval RUN --checkpoints … --programs …`: queues an evaluation for the workers; with --wait follows
 * it (progress on stderr) and prints the grid. As with runs, an evaluation no worker takes within
 * ESPL_WORKER_PICKUP_MS is graded here; should a worker take it at the same moment, both write the same
 * deterministic rows, which the unique keys keep single.
 */
import { executeEvaluation } from "@/lib/server/evaluations/execute-evaluation";
import { launchEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { getEvaluation } from "@/lib/server/evaluations/read-evaluations";
import { sleep } from "@/lib/server/runner/retry";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import type { EvalCommand } from "../eval-options";
import {
  describeCreatedEvaluation,
  endEvaluation,
  formatEvaluationProgress,
  printEvaluation,
} from "../format-evaluation";
import { resolveRunRef } from "../run-ref";
import { readPickupMs } from "./wait-command";

const POLL_MS = 500;

export async function runEvalCommand(ctx: CliContext, command: EvalCommand): Promise<number> {
  const prisma = ctx.db.prisma;
  const runId = await resolveRunRef(prisma, command.run);
  const { projectId } = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: { projectId: true },
  });
  const scope = { projectIds: [projectId] };
  const created = await launchEvaluation(prisma, await ctx.db.getBoss(), runId, command.spec);
  ctx.note(describeCreatedEvaluation(created));
  if (!command.wait) {
    if (command.json) printEvaluation(ctx, command, await getEvaluation(scope, runId, created.id));
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
    const progress = formatEvaluationProgress(job);
    if (progress.line !== last) ctx.note(progress.line);
    last = progress.line;
    if (progress.over) break;
    if (job.status === "queued" && Date.now() >= pickupBy) {
      ctx.note("no worker took it yet: evaluating here");
      const outcome = await executeEvaluation(prisma, created.id, { signal: ctx.signal });
      if (outcome === "interrupted") continue;
      break;
    }
    await sleep(POLL_MS, ctx.signal).catch(() => {});
  }
  return endEvaluation(ctx, command, await getEvaluation(scope, runId, created.id));
}
