/**
 * Crossover end to end (SPEC §9): plan, ask the LLM, turn its reply into the child's principles. The
 * reply handling is a pure function so it can be replayed from a stored reply.
 *
 * Deviation from the reference: a reply whose JSON is a bare number, bool or null makes the reference
 * crash the whole run (`len()` of an unsized value, SPEC §13 item 6). Here it is a failed crossover event
 * (no child) with error type "TypeError"; likewise a failed chat call is a failed event.
 */
import type { Principle } from "../types";
import { requestReply, userMessage } from "../llm/chat";
import type { ChatFn, ChatUsage } from "../llm/chat";
import { getOperationsFromJson } from "../llm/json-repair";
import { PyError, pyLen } from "../llm/python-dict";
import { applyCrossoverOperations } from "../operations";
import type { OperationOutcome } from "../operations";
import { setLabel } from "../prompts/crossover-prompt";
import type { WonQuestion } from "../prompts/crossover-prompt";
import { planCrossover } from "./plan-crossover";
import type { CrossoverInput, CrossoverPlan } from "./plan-crossover";

export const CROSSOVER_PURPOSE = "crossover";

/** What the simulator gets beside the crossover prompt. */
export interface CrossoverContext {
  sets: {
    label: string;
    slot: number;
    programId: number;
    principles: Principle[];
    wonQuestions: WonQuestion[];
  }[];
}

/** How the reply turned out. `child` means a crossover child is created (even if no operation applied). */
export type CrossoverReplyOutcome =
  | { status: "child"; operations: unknown; principles: Principle[]; outcomes: OperationOutcome[] }
  | { status: "no-child"; operations: unknown }
  | { status: "failed"; operations?: unknown; error: { type: string; message: string } };

export type CrossoverEvent =
  | { status: "skipped"; plan: CrossoverPlan }
  | ({
      plan: CrossoverPlan;
      prompt: string;
      reply: string | null;
      usage?: ChatUsage;
    } & CrossoverReplyOutcome);

export function buildCrossoverContext(input: CrossoverInput, plan: CrossoverPlan): CrossoverContext {
  return {
    sets: plan.includedSlots.map((slot, i) => ({
      label: setLabel(i),
      slot,
      programId: input.slots[slot]!.programId,
      principles: input.slots[slot]!.principles.map((p) => ({ ...p })),
      wonQuestions: plan.wins.find((w) => w.slot === slot)!.questions.map((q) => ({ ...q })),
    })),
  };
}

/**
 * Parses the reply and applies it to Set A's principles. The reference makes a child whenever the parsed
 * value has a non-zero `len()` — a non-empty list, object or string — even if every operation fails, in
 * which case the child equals Set A (SPEC §13 item 8).
 */
export function applyCrossoverReply(setA: readonly Principle[], reply: string): CrossoverReplyOutcome {
  const operations = getOperationsFromJson(reply);
  let size: number;
  try {
    size = pyLen(operations);
  } catch (error) {
    const message = error instanceof PyError ? error.message : String(error);
    return { status: "failed", operations, error: { type: "TypeError", message } };
  }
  if (size === 0) return { status: "no-child", operations };
  const applied = applyCrossoverOperations(setA, operations);
  if (!applied.ok)
    return {
      status: "failed",
      operations,
      error: { type: applied.error.pyType, message: applied.error.message },
    };
  return { status: "child", operations, principles: applied.principles, outcomes: applied.outcomes };
}

/** The whole operator over the chat port; never throws. */
export async function runCrossover(input: CrossoverInput, chat: ChatFn): Promise<CrossoverEvent> {
  const plan = planCrossover(input);
  if (!plan.eligible || plan.prompt === null) return { status: "skipped", plan };
  const prompt = plan.prompt.text;
  const outcome = await requestReply(chat, {
    purpose: CROSSOVER_PURPOSE,
    messages: userMessage(prompt),
    context: buildCrossoverContext(input, plan),
  });
  const usage = outcome.usage ? { usage: outcome.usage } : {};
  if (!outcome.ok) return { status: "failed", plan, prompt, reply: null, error: outcome.error, ...usage };
  const setA = input.slots[plan.bestSlot]!.principles;
  return { plan, prompt, reply: outcome.reply, ...usage, ...applyCrossoverReply(setA, outcome.reply) };
}
