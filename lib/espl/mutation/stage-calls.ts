/**
 * Plumbing shared by the three mutation stages: sending a stage's requests and stopping at the first
 * failure the reference would have raised.
 */
import { requestReply, userMessage } from "../llm/chat";
import type { ChatFn, ChatOutcome } from "../llm/chat";
import { MUTATION_PURPOSES, type MutationCallRecord, type MutationStage } from "./types";

/** Thrown inside the pipeline to stop at the first failure; never escapes `runPrincipleUpdater`. */
export class MutationAbort extends Error {
  constructor(
    readonly stage: MutationStage,
    readonly failure: { type: string; message: string },
  ) {
    super(failure.message);
    this.name = "MutationAbort";
  }
}

/** Each stage's prompt slots. */
type StageSlots = { [R in MutationCallRecord as R["stage"]]: R["slots"] };

/** The record of a stage's call before it is sent: the prompt, no reply and no error yet. */
export function createCallRecord<S extends keyof StageSlots>(
  stage: S,
  index: number,
  slots: StageSlots[S],
  prompt: string,
): Omit<MutationCallRecord, "stage" | "slots"> & { stage: S; slots: StageSlots[S] } {
  return { stage, index, purpose: MUTATION_PURPOSES[stage], slots, prompt, reply: null, error: null };
}

/**
 * The reference sends all of a stage's requests before collecting any reply, so every request is made
 * even when an earlier reply turns out to be unusable; the replies are then handled in order. Replies and
 * call failures are written onto the records.
 */
export async function requestAll(
  chat: ChatFn,
  records: readonly MutationCallRecord[],
  contexts: readonly unknown[],
): Promise<ChatOutcome[]> {
  const outcomes = await Promise.all(
    records.map((record, i) =>
      requestReply(chat, {
        purpose: record.purpose,
        messages: userMessage(record.prompt),
        context: contexts[i],
      }),
    ),
  );
  outcomes.forEach((outcome, i) => {
    const record = records[i]!;
    if (outcome.usage) record.usage = outcome.usage;
    if (outcome.ok) record.reply = outcome.reply;
    else record.error = outcome.error;
  });
  return outcomes;
}

/** The reply, or an abort: a failed call fails the whole mutation, as an exception from a future did. */
export function replyOrAbort(stage: MutationStage, outcome: ChatOutcome): string {
  if (!outcome.ok) throw new MutationAbort(stage, outcome.error);
  return outcome.reply;
}
