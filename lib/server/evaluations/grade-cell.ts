/**
 * The two ways a cell gets its samples, each committed in one transaction with the cell's metrics and the
 * job's progress (samples inserted with ON CONFLICT DO NOTHING, so a resumed cell writes no duplicate):
 * sampled from a policy (the run's checkpoint, or another backend's model for a transfer row), or copied
 * from an imported run's recorded test rollouts of one step, graded as they were recorded.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { gradeAnswer } from "@/lib/espl/grading/grade-answer";
import { gradeSamples, planSampling } from "@/lib/espl/iteration/sample-rollouts";
import type { EsplProblem, PolicyBackend, SamplingParams } from "@/lib/espl/ports";
import type { Program } from "@/lib/espl/program";
import { computeCellStats } from "@/lib/view/evaluations/attribution";

type Tx = Prisma.TransactionClient;

export interface CellProgress {
  evaluationId: string;
  cellId: number;
  cellsTotal: number;
  /** Seconds left at this worker's pace, computed by the caller after each cell. */
  etaSeconds: (remainingCells: number) => number;
}

/**
 * Writes a cell's samples (`insert` returns their rewards per problem), its metrics and the job's progress
 * together. A cell already finished by another attempt is left as it is.
 */
async function commitCell(
  prisma: PrismaClient,
  progress: CellProgress,
  insert: (tx: Tx) => Promise<number[][]>,
): Promise<void> {
  const { evaluationId, cellId } = progress;
  await prisma.$transaction(async (tx) => {
    const rewards = await insert(tx);
    const stats = computeCellStats(rewards);
    const metrics = {
      ...stats.passAtK,
      mean_reward: stats.meanReward,
      ci_low: stats.ci?.low ?? null,
      ci_high: stats.ci?.high ?? null,
      problems: stats.problems,
    };
    const { count } = await tx.evaluationCell.updateMany({
      where: { id: cellId, finishedAt: null },
      data: { n: stats.n, metrics, finishedAt: new Date() },
    });
    if (count === 0) return;
    const done = await tx.evaluationCell.findMany({
      where: { evaluationId, finishedAt: { not: null } },
      select: { n: true },
    });
    await tx.evaluationJob.update({
      where: { id: evaluationId },
      data: {
        cellsDone: done.length,
        samplesDone: done.reduce((s, c) => s + c.n, 0),
        etaSeconds: progress.etaSeconds(progress.cellsTotal - done.length),
      },
    });
  });
}

export interface SampledCellInput {
  policy: PolicyBackend;
  program: Program;
  problems: readonly EsplProblem[];
  problemIds: Map<number, number>;
  samples: number;
  params: SamplingParams;
  signal?: AbortSignal;
}

export async function gradeSampledCell(
  prisma: PrismaClient,
  progress: CellProgress,
  input: SampledCellInput,
): Promise<void> {
  const { problems } = input;
  const plan = planSampling([input.program], problems, input.samples, "test");
  const returned = await input.policy.sample(plan.requests, input.params, input.signal);
  const samples = gradeSamples(plan, returned, gradeAnswer);
  const rewards = samples.rewards[0]!;
  const rows = samples.completions[0]!.flatMap((group, b) =>
    group.map((completion, g) => ({
      evaluationId: progress.evaluationId,
      cellId: progress.cellId,
      problemIndex: problems[b]!.index,
      problemId: input.problemIds.get(problems[b]!.index) ?? null,
      sampleIndex: g,
      reward: rewards[b]![g]!,
      extractedAnswer: samples.grades[0]![b]![g]!.extracted,
      completion: completion.text,
      completionTokens: completion.completionTokenCount ?? completion.tokens?.length ?? null,
    })),
  );
  await commitCell(prisma, progress, async (tx) => {
    await tx.evaluationSample.createMany({ data: rows, skipDuplicates: true });
    return rewards;
  });
}

export interface RecordedCellInput {
  runId: string;
  step: number;
  programId: number;
  samples: number;
  maxProblems: number | undefined;
}

/** Copies the step's test rollouts of the program (first problems and samples as the spec asks). */
export async function copyRecordedCell(
  prisma: PrismaClient,
  progress: CellProgress,
  input: RecordedCellInput,
): Promise<void> {
  const { evaluationId, cellId } = progress;
  await commitCell(prisma, progress, async (tx) => {
    await tx.$executeRaw`
      INSERT INTO evaluation_samples (evaluation_id, cell_id, problem_index, problem_id, sample_index, reward,
                                      extracted_answer, completion, completion_tokens)
      SELECT ${evaluationId}::uuid, ${cellId}, r.problem_index, r.problem_id, r.sample_index, r.reward,
             r.extracted_answer, coalesce(t.completion, ''), r.completion_tokens
        FROM rollouts r
        JOIN programs p ON p.id = r.program_id
        LEFT JOIN rollout_texts t ON t.rollout_id = r.id
       WHERE r.run_id = ${input.runId}::uuid AND r.split = 'test' AND r.step = ${input.step}
         AND p.program_id = ${input.programId} AND r.slot = 0
         AND r.problem_index < ${input.maxProblems ?? 2 ** 31 - 1} AND r.sample_index < ${input.samples}
      ON CONFLICT DO NOTHING`;
    const stored = await tx.evaluationSample.findMany({
      where: { cellId },
      orderBy: [{ problemIndex: "asc" }, { sampleIndex: "asc" }],
      select: { problemIndex: true, reward: true },
    });
    const byProblem = new Map<number, number[]>();
    for (const s of stored)
      byProblem.set(s.problemIndex, [...(byProblem.get(s.problemIndex) ?? []), s.reward]);
    return [...byProblem.values()];
  });
}
