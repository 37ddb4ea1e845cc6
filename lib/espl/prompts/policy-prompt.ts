/**
 * The policy's user message: the problem followed by the program's principles (SPEC §4.2). There is no
 * system message; the "system prompt" being learned lives in the user turn, after the problem.
 */
import type { Principle } from "../types";

/** Where the prompt is used: training rollouts and test rollouts render an empty program differently. */
export type PolicyPromptMode = "train" | "test";

/** The values substituted into the template, or the raw problem when no template is used. */
export type PolicyPromptSlots =
  { usesTemplate: true; problem: string; principles: string } | { usesTemplate: false; raw: string };

/** `[G0]. text` lines joined by newlines; also the principles block of the critique prompt. */
export function formatPrinciplesBlock(principles: readonly Principle[]): string {
  return principles.map((p) => `[${p.id}]. ${p.text}`).join("\n");
}

/**
 * Training with an empty program sends the bare problem; tests always use the template and write "None"
 * for an empty block. The asymmetry is the reference's (SPEC §13 item 3) and shows in step-0 test scores.
 */
export function buildPolicyPromptSlots(
  principles: readonly Principle[],
  problem: string,
  mode: PolicyPromptMode,
): PolicyPromptSlots {
  if (mode === "train" && principles.length === 0) return { usesTemplate: false, raw: problem };
  const block = formatPrinciplesBlock(principles);
  return { usesTemplate: true, problem, principles: block === "" ? "None" : block };
}

export function renderPolicyPrompt(slots: PolicyPromptSlots): string {
  if (!slots.usesTemplate) return slots.raw;
  return (
    `Solve the following problem.\n${slots.problem}\n\n` +
    "Before you start working on it, you MUST read carefully and take in the helpful principles and " +
    `instructions listed below:\n${slots.principles}`
  );
}

/** The full user message for one problem under one program. */
export function buildPolicyPrompt(
  principles: readonly Principle[],
  problem: string,
  mode: PolicyPromptMode,
): string {
  return renderPolicyPrompt(buildPolicyPromptSlots(principles, problem, mode));
}

/**
 * A batch item with its prompt attached, keys in the reference's order (`{"prompt": …, **item}`): rollout
 * records are later built from it, so this order is the order of `prompt`, `problem`, `groundtruth` there.
 */
export function attachPolicyPrompt<T extends { problem: string }>(
  item: T,
  principles: readonly Principle[],
  mode: PolicyPromptMode,
): { prompt: string } & T {
  return { prompt: buildPolicyPrompt(principles, item.problem, mode), ...item };
}
