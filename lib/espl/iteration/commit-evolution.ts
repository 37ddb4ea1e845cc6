/**
 * The bookkeeping half of evolution, shared by the parity core (scripted replies) and the live iteration
 * (chat port): decide whether crossover is attempted, turn the operators' outcomes into pool children and
 * describe both operators as evolution events. Nothing here talks to an LLM.
 */
import type { CrossoverInput } from "../crossover/plan-crossover";
import type { CrossoverEvent } from "../crossover/run-crossover";
import { shouldCreateMutationChild } from "../mutation/run-principle-updater";
import type { MutationCallRecord, PrincipleUpdaterResult } from "../mutation/types";
import type { EvolutionPool } from "../pool";
import type { Program } from "../program";
import type { SlotRewards } from "../trueskill/step-ratings";
import type { Rating } from "../types";
import { addEvolutionChildren, computeCrossoverChildRating } from "./add-children";
import type { AddedChildren, CrossoverChildSpec, MutationChildSpec } from "./add-children";
import type { CrossoverDetails, EvolutionEventView, LlmCallView, MutationDetails } from "./types";

/**
 * Crossover needs the coin to have come up and at least two distinct programs among the slots (SPEC §9);
 * returns the planner's input, or null when it is not attempted.
 */
export function prepareCrossover(
  triggered: boolean,
  slots: readonly Program[],
  rankedUniqueSlots: readonly number[],
  rewards: SlotRewards,
  problems: readonly string[],
): CrossoverInput | null {
  if (!triggered || rankedUniqueSlots.length < 2) return null;
  return { slots, rankedUniqueSlots, rewards, problems };
}

function formatError(error: { type: string; message: string } | null | undefined): string | null {
  return error ? `${error.type}: ${error.message}` : null;
}

function describeCrossover(
  event: CrossoverEvent,
  slots: readonly Program[],
  problemCount: number,
  childRating: Rating | null,
): EvolutionEventView {
  const { plan } = event;
  const winnerOf = new Map<number, number>();
  for (const { slot, questions } of plan.wins) for (const q of questions) winnerOf.set(q.problemIndex, slot);
  const winners = Array.from({ length: problemCount }, (_, problemIndex) => {
    const slot = winnerOf.get(problemIndex);
    return slot === undefined
      ? { problemIndex, slot: null, programId: null }
      : { problemIndex, slot, programId: slots[slot]!.programId };
  });
  const details: CrossoverDetails = {
    kind: "crossover",
    winners,
    includedSlots: [...plan.includedSlots],
    eligible: plan.eligible,
    childRating,
    operationOutcomes: event.status === "child" ? event.outcomes.map((o) => ({ ...o })) : [],
  };
  const base = { kind: "crossover" as const, parentIds: [...plan.parentIds], childId: null, details };
  if (event.status === "skipped")
    return { ...base, status: "ok", outcome: "not_eligible", error: null, calls: [] };
  const error = event.status === "failed" ? formatError(event.error) : null;
  const calls: LlmCallView[] = [
    {
      ordinal: 0,
      purpose: "crossover",
      prompt: event.prompt,
      rawReply: event.reply,
      parsedOperations: event.operations ?? null,
      error,
      usage: event.usage ?? null,
    },
  ];
  if (event.status === "failed") return { ...base, status: "failed", outcome: "failed", error, calls };
  const outcome = event.status === "child" ? "child_created" : "no_child";
  return { ...base, status: "ok", outcome, error: null, calls };
}

function describeCall(record: MutationCallRecord, ordinal: number): LlmCallView {
  return {
    ordinal,
    purpose: record.purpose,
    prompt: record.prompt,
    rawReply: record.reply,
    parsedOperations: record.stage === "summary" ? null : (record.operations ?? null),
    error: formatError(record.error),
    usage: record.usage ?? null,
  };
}

function describeMutation(result: PrincipleUpdaterResult, parent: Program): EvolutionEventView {
  const details: MutationDetails = {
    kind: "mutation",
    failedStage: result.error?.stage ?? null,
    critiqueOperations: result.critiqueOperations,
    suggestions: result.suggestions ?? null,
    revisionPlan: result.revisionPlan ?? null,
    preRenumberPrinciples: result.preRenumberPrinciples ?? null,
    newPrinciples: result.newPrinciples,
  };
  const error = formatError(result.error);
  const outcome = error ? "failed" : shouldCreateMutationChild(result) ? "child_created" : "no_child";
  return {
    kind: "mutation",
    status: error ? "failed" : "ok",
    outcome,
    parentIds: [parent.programId],
    childId: null,
    error,
    calls: result.calls.map(describeCall),
    details,
  };
}

export interface EvolutionCommitInput {
  pool: EvolutionPool;
  step: number;
  /** The selected programs in slot order. */
  slots: readonly Program[];
  /** The best slot: mutated, and Set A of the crossover. */
  bestSlot: number;
  problemCount: number;
  /** Null when crossover was not attempted. */
  crossover: CrossoverEvent | null;
  /** Null when evolution is off. */
  mutation: PrincipleUpdaterResult | null;
  mutationSigma: number;
  crossoverSigma: number;
}

export interface EvolutionCommit {
  /** Crossover event first (its prompt is sent first), then mutation. */
  events: EvolutionEventView[];
  added: AddedChildren;
}

/** Adds the children the operators produced (crossover first) and returns the events with child ids. */
export function commitEvolution(input: EvolutionCommitInput): EvolutionCommit {
  const { crossover, mutation, slots } = input;
  const events: EvolutionEventView[] = [];
  let crossoverSpec: CrossoverChildSpec | null = null;
  let crossoverView: EvolutionEventView | null = null;
  if (crossover) {
    const parents = crossover.plan.includedSlots.map((slot) => slots[slot]!);
    const childRating = crossover.plan.eligible
      ? computeCrossoverChildRating(parents, input.crossoverSigma)
      : null;
    crossoverView = describeCrossover(crossover, slots, input.problemCount, childRating);
    if (crossover.status === "child" && childRating)
      crossoverSpec = { principles: crossover.principles, parents, rating: childRating };
    events.push(crossoverView);
  }
  let mutationSpec: MutationChildSpec | null = null;
  let mutationView: EvolutionEventView | null = null;
  if (mutation) {
    const parent = slots[input.bestSlot]!;
    mutationView = describeMutation(mutation, parent);
    if (shouldCreateMutationChild(mutation))
      mutationSpec = { principles: mutation.newPrinciples!, parent, mutationSigma: input.mutationSigma };
    events.push(mutationView);
  }
  const added = addEvolutionChildren(input.pool, input.step, crossoverSpec, mutationSpec);
  if (crossoverView && added.crossoverChild) crossoverView.childId = added.crossoverChild.programId;
  if (mutationView && added.mutationChild) mutationView.childId = added.mutationChild.programId;
  return { events, added };
}
