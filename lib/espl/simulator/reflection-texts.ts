/**
 * Principle texts the simulated reflection LLM proposes besides category insights: general habits that
 * help a little (or only cost prompt length) and unhelpful advice. None of them carries a category insight;
 * the tests check that against the detector.
 */
import type { SlipKind } from "./category-types";

/** General advice; the first one asks to verify, which the success model rewards slightly. */
export const GENERIC_PRINCIPLES = [
  "Verification habit: before finalising, substitute the result back or re-derive it a second way to catch arithmetic slips.",
  "Problem reading: restate exactly what is asked in one sentence before starting any computation.",
  "Formula recall: before applying a remembered formula, test it on a tiny case that can be checked by hand.",
] as const;

/** Advice aimed at the mistake the failed attempts made. */
export const SLIP_PRINCIPLES: Record<SlipKind, string> = {
  "off-by-one":
    "Range endpoints: when a count runs between two endpoints, decide explicitly whether each endpoint is included before computing.",
  "sign-error":
    "Sign discipline: track the sign of every term when combining expressions, especially after subtracting a group.",
  "wrong-formula":
    "Method choice: name the key idea the problem needs before computing, and check that its conditions really hold.",
};

/** Plausible-sounding but unhelpful advice. */
export const UNHELPFUL_PRINCIPLES = [
  "Speed first: trust the first approach that comes to mind and do not second-guess it.",
  "Brute force: list every case explicitly, however large the numbers are.",
] as const;

/** What the batch revision turns two general habits into. */
export const MERGED_GENERIC_PRINCIPLE =
  "General habits: restate the question, settle whether endpoints are included, track signs, and verify the result before finalising.";

/** The lead-in before the first colon ("Verification habit"): how these principles name their idea. */
export function principleHead(text: string): string {
  const colon = text.indexOf(":");
  return (colon > 0 ? text.slice(0, colon) : text).trim().toLowerCase();
}

export type AttemptDiagnosis = SlipKind | "no-answer";

/** Reads the kind of mistake from the final answer alone, as a reviewer skimming the attempt would. */
export function diagnoseAnswer(final: string | null, groundtruth: string): AttemptDiagnosis {
  if (final === null) return "no-answer";
  const value = Number(final);
  const truth = Number(groundtruth);
  if (!Number.isFinite(value) || !Number.isFinite(truth) || final.trim() === "") return "wrong-formula";
  if (value === -truth) return "sign-error";
  if (Math.abs(value - truth) === 1) return "off-by-one";
  return "wrong-formula";
}

export const DIAGNOSIS_WORDS: Record<AttemptDiagnosis, string> = {
  "off-by-one": "an off-by-one slip at a boundary",
  "sign-error": "a sign error",
  "wrong-formula": "a wrong method or formula",
  "no-answer": "no final answer at all",
};
