import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import type { EventStatus, EvolutionKind } from "@/lib/generated/prisma/enums";
import { deriveHop, type DerivedHop } from "@/lib/view/prompts/derive-hop";
import { callStage, type CallStage } from "@/lib/view/prompts/call-stage";
import { parsePrinciples, type StoredPrinciple } from "@/lib/view/prompts/principles";
import { findScopedRun } from "../scoped-run";

/** One reflection call without its texts: lengths and a short preview; the texts load on demand. */
export interface ChainCall {
  id: string;
  ordinal: number;
  purpose: string;
  stage: CallStage;
  error: string | null;
  parsedOperations: unknown;
  promptChars: number;
  replyChars: number | null;
  replyPreview: string | null;
}

export interface UsedProblem {
  problemIndex: number;
  question: string;
  rewards: number[];
}

export interface EventChain {
  event: {
    id: number;
    step: number;
    kind: EvolutionKind;
    status: EventStatus;
    outcome: string | null;
    error: string | null;
    failedStage: string | null;
    parentIds: number[];
    childProgramId: number | null;
    imported: boolean;
  };
  parents: { programId: number; principles: StoredPrinciple[] }[];
  child: { programId: number; principles: StoredPrinciple[] } | null;
  /** Mutation: the mutated slot's rollouts of that step, per problem (what the summaries were made from). */
  rollouts: { slot: number; problems: UsedProblem[] } | null;
  /** Crossover: per problem, the set that won it outright (SPEC §9 step 1). */
  winners: { problemIndex: number; question: string; slot: number | null; programId: number | null }[];
  includedSlots: number[];
  operationOutcomes: { index: number; status: string; error?: string }[];
  suggestions: unknown;
  revisionPlan: unknown;
  calls: ChainCall[];
  /** What the operations did to each principle of the child, relative to the base parent. */
  hop: DerivedHop | null;
}

const PREVIEW_CHARS = 280;
const QUESTION_CHARS = 300;

interface CallRow {
  id: bigint;
  ordinal: number;
  purpose: string;
  error: string | null;
  parsed_operations: unknown;
  prompt_chars: number;
  reply_chars: number | null;
  reply_preview: string | null;
}

type Details = Record<string, unknown>;

const numberOr = (v: unknown, fallback: number | null) => (typeof v === "number" ? v : fallback);

async function findEventId(runId: string, maxStep: number, ref: { event?: number; child?: number }) {
  const prisma = getPrisma();
  if (ref.event !== undefined) return ref.event;
  const row = await prisma.evolutionEvent.findFirst({
    where: { runId, step: { lte: maxStep }, child: { programId: ref.child } },
    select: { id: true },
  });
  if (!row) throw notFound("evolution event");
  return row.id;
}

async function loadQuestions(runId: string, step: number): Promise<Map<number, string>> {
  const rows = await getPrisma().$queryRaw<{ problem_index: number; question: string | null }[]>`
    SELECT DISTINCT ON (r.problem_index) r.problem_index, left(pr.question, ${QUESTION_CHARS}::int) AS question
    FROM rollouts r LEFT JOIN problems pr ON pr.id = r.problem_id
    WHERE r.run_id = ${runId}::uuid AND r.step = ${step}::int AND r.split = 'train'
    ORDER BY r.problem_index, r.slot`;
  return new Map(rows.map((r) => [r.problem_index, r.question ?? ""]));
}

async function loadSlotRollouts(runId: string, step: number, slot: number): Promise<UsedProblem[]> {
  const rows = await getPrisma().$queryRaw<
    { problem_index: number; reward: number; question: string | null }[]
  >`
    SELECT r.problem_index, r.reward, left(pr.question, ${QUESTION_CHARS}::int) AS question
    FROM rollouts r LEFT JOIN problems pr ON pr.id = r.problem_id
    WHERE r.run_id = ${runId}::uuid AND r.step = ${step}::int AND r.split = 'train' AND r.slot = ${slot}::int
    ORDER BY r.problem_index, r.sample_index`;
  const byProblem = new Map<number, UsedProblem>();
  for (const r of rows) {
    const entry = byProblem.get(r.problem_index) ?? {
      problemIndex: r.problem_index,
      question: r.question ?? "",
      rewards: [],
    };
    entry.rewards.push(r.reward);
    byProblem.set(r.problem_index, entry);
  }
  return [...byProblem.values()];
}

/** The slot that was mutated: the step's best slot (native runs), else the parent's first slot. */
async function findMutatedSlot(
  runId: string,
  step: number,
  parentId: number | undefined,
): Promise<number | null> {
  const prisma = getPrisma();
  const row = await prisma.step.findUnique({
    where: { runId_step: { runId, step } },
    select: { details: true, selectedProgramIds: true },
  });
  const best = numberOr(
    (row?.details as { ranking?: { bestSlot?: unknown } } | null)?.ranking?.bestSlot,
    null,
  );
  if (best !== null) return best;
  const slot = parentId === undefined ? -1 : (row?.selectedProgramIds.indexOf(parentId) ?? -1);
  return slot >= 0 ? slot : null;
}

/**
 * The reflection chain of one evolution event (by id, or by the program it created): parents, the
 * rollouts or per-problem winners it worked from, every LLM call in order with its parsed operations
 * (texts only as previews; getLlmCallText loads them), the revision plan or operation outcomes, and the
 * child with what each operation did to its principles.
 */
export async function getEventChain(
  scope: ReadScope,
  runId: string,
  ref: { event?: number; child?: number },
): Promise<EventChain> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const eventId = await findEventId(run.id, run.maxStep, ref);
  const event = await prisma.evolutionEvent.findFirst({
    where: { id: eventId, runId: run.id, step: { lte: run.maxStep } },
    select: {
      id: true,
      step: true,
      kind: true,
      status: true,
      parentProgramIds: true,
      error: true,
      details: true,
      child: { select: { programId: true, principles: true } },
    },
  });
  if (!event) throw notFound("evolution event");
  const details = (event.details ?? {}) as Details;
  const [parentRows, calls] = await Promise.all([
    prisma.program.findMany({
      where: { runId: run.id, programId: { in: event.parentProgramIds } },
      select: { programId: true, principles: true },
    }),
    prisma.$queryRaw<CallRow[]>`
      SELECT id, ordinal, purpose, error, parsed_operations, length(prompt)::int AS prompt_chars,
        length(raw_reply)::int AS reply_chars, left(raw_reply, ${PREVIEW_CHARS}::int) AS reply_preview
      FROM llm_calls WHERE event_id = ${event.id}::int ORDER BY ordinal`,
  ]);
  const parents = event.parentProgramIds
    .map((id) => parentRows.find((p) => p.programId === id))
    .filter((p): p is (typeof parentRows)[number] => p !== undefined)
    .map((p) => ({ programId: p.programId, principles: parsePrinciples(p.principles) }));
  const child = event.child
    ? { programId: event.child.programId, principles: parsePrinciples(event.child.principles) }
    : null;
  const chainCalls = calls.map((c): ChainCall => ({
    id: c.id.toString(),
    ordinal: c.ordinal,
    purpose: c.purpose,
    stage: callStage(c.purpose),
    error: c.error,
    parsedOperations: c.parsed_operations,
    promptChars: c.prompt_chars,
    replyChars: c.reply_chars,
    replyPreview: c.reply_preview,
  }));
  let rollouts: EventChain["rollouts"] = null;
  let winners: EventChain["winners"] = [];
  if (event.kind === "mutation") {
    const slot = await findMutatedSlot(run.id, event.step, event.parentProgramIds[0]);
    if (slot !== null) rollouts = { slot, problems: await loadSlotRollouts(run.id, event.step, slot) };
  } else if (Array.isArray(details.winners)) {
    const questions = await loadQuestions(run.id, event.step);
    winners = (details.winners as { problemIndex?: unknown; slot?: unknown; programId?: unknown }[]).map(
      (w) => {
        const problemIndex = numberOr(w.problemIndex, -1)!;
        return {
          problemIndex,
          question: questions.get(problemIndex) ?? "",
          slot: numberOr(w.slot, null),
          programId: numberOr(w.programId, null),
        };
      },
    );
  }
  const outcome = typeof details.outcome === "string" ? details.outcome : null;
  const hopEvent = { kind: event.kind, details, calls: chainCalls };
  return {
    event: {
      id: event.id,
      step: event.step,
      kind: event.kind,
      status: event.status,
      outcome,
      error: event.error,
      failedStage: typeof details.failedStage === "string" ? details.failedStage : null,
      parentIds: event.parentProgramIds,
      childProgramId: child?.programId ?? null,
      imported: details.imported === true,
    },
    parents,
    child,
    rollouts,
    winners,
    includedSlots: Array.isArray(details.includedSlots) ? (details.includedSlots as number[]) : [],
    operationOutcomes: Array.isArray(details.operationOutcomes)
      ? (details.operationOutcomes as EventChain["operationOutcomes"])
      : [],
    suggestions: details.suggestions ?? null,
    revisionPlan: details.revisionPlan ?? null,
    calls: chainCalls,
    hop: child && parents[0] ? deriveHop(parents[0].principles, child.principles, hopEvent) : null,
  };
}
