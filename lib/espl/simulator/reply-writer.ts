/**
 * Writes simulated reflection replies the way real LLMs do: reasoning prose, then a fenced ```json list,
 * and, at seeded rates, the flaws the engine's repair and failure paths exist for (SPEC §8.5).
 */
import { fixJsonBackslashes } from "../llm/json-repair";
import type { RandomSource } from "./category-types";

/** Per-reply probabilities of each deliberate flaw. */
export const REPLY_FLAW_RATES = Object.freeze({
  /** Prose only, no JSON: the engine parses it as [] (no operations). */
  prose: 0.03,
  /**
   * A bare JSON object instead of a list: a critique aborts the whole mutation (as in the reference), a
   * crossover child equals Set A. Rare, because one mutation makes several critique calls.
   */
  bareObject: 0.005,
  /** `#` comments inside the JSON: repaired by the engine's comment stripping. */
  comments: 0.1,
  /** A trailing comma after the last item: not repaired, so the reply parses as []. */
  trailingComma: 0.05,
  /** An operation names a principle id that does not exist (or in a form such as "[G1]" that never matches). */
  unknownId: 0.05,
});

/**
 * Flaws a reply ended up with. "latex" is not drawn: it marks replies whose strings hold raw LaTeX
 * backslashes (`\frac`, `\binom`) that strict JSON rejects or misreads and the backslash fix repairs.
 */
export type ReplyFlaw = "prose" | "bare-object" | "comments" | "trailing-comma" | "unknown-id" | "latex";

export interface DrawnFlaws {
  prose: boolean;
  bareObject: boolean;
  comments: boolean;
  trailingComma: boolean;
  unknownId: boolean;
}

/** One draw per flaw, always in the same order, so a reply's flaws depend only on its own stream. */
export function drawFlaws(rng: RandomSource): DrawnFlaws {
  const r = REPLY_FLAW_RATES;
  const shape = rng.random();
  return {
    prose: shape < r.prose,
    bareObject: shape >= r.prose && shape < r.prose + r.bareObject,
    comments: rng.random() < r.comments,
    trailingComma: rng.random() < r.trailingComma,
    unknownId: rng.random() < r.unknownId,
  };
}

/** An operation as ordered key/value pairs: LLMs write keys in the order the prompt's example shows. */
export type OrderedOp = readonly (readonly [string, unknown])[];

export interface WrittenJson {
  text: string;
  flaws: ReplyFlaw[];
}

/**
 * A JSON string as an LLM writes it: backslashes before letters stay single (LaTeX such as `\frac`),
 * which only survives the engine's backslash fix. Falls back to strict escaping when the raw form would
 * not read back as the same text.
 */
function writeJsonString(text: string): { json: string; raw: boolean } {
  const strict = JSON.stringify(text);
  const raw = strict.replace(/\\\\(?=[A-Za-z{])/g, "\\");
  if (raw === strict) return { json: strict, raw: false };
  try {
    if (JSON.parse(fixJsonBackslashes(raw)) === text) return { json: raw, raw: true };
  } catch {
    // The raw form is unreadable even after the fix; keep strict JSON.
  }
  return { json: strict, raw: false };
}

function writeJsonValue(value: unknown, state: { raw: boolean }): string {
  if (typeof value === "string") {
    const written = writeJsonString(value);
    if (written.raw) state.raw = true;
    return written.json;
  }
  if (Array.isArray(value)) return `[${value.map((v) => writeJsonValue(v, state)).join(", ")}]`;
  return JSON.stringify(value) ?? "null";
}

function writeOp(op: OrderedOp, state: { raw: boolean }): string {
  return `{${op.map(([key, value]) => `${JSON.stringify(key)}: ${writeJsonValue(value, state)}`).join(", ")}}`;
}

/** The JSON part: a list (or, for the bare-object flaw, the first operation alone). */
export function writeOperationsJson(
  ops: readonly OrderedOp[],
  flaws: DrawnFlaws,
  comments: readonly string[],
): WrittenJson {
  const state = { raw: false };
  const applied: ReplyFlaw[] = [];
  let text: string;
  if (flaws.bareObject) {
    text = ops.length > 0 ? writeOp(ops[0]!, state) : "{}";
    applied.push("bare-object");
  } else {
    const lines = ["["];
    ops.forEach((op, i) => {
      if (flaws.comments && comments[i]) lines.push(`  # ${comments[i]}`);
      const last = i === ops.length - 1;
      lines.push(`  ${writeOp(op, state)}${last && !flaws.trailingComma ? "" : ","}`);
    });
    lines.push("]");
    text = lines.join("\n");
    if (flaws.comments && comments.some(Boolean) && ops.length > 0) applied.push("comments");
    if (flaws.trailingComma && ops.length > 0) applied.push("trailing-comma");
  }
  if (state.raw) applied.push("latex");
  return { text, flaws: applied };
}

export interface ReflectionReply {
  reply: string;
  flaws: ReplyFlaw[];
}

/** An operation the simulated LLM decided on, with the one line of prose that explains it. */
export interface PlannedOp {
  op: OrderedOp;
  /** Also the operation's `#` comment when the comments flaw is drawn. */
  why: string;
}

/** Reasoning, then the fenced JSON; or, for the prose flaw, reasoning and a closing remark only. */
export function writeReply(
  reasoning: string,
  ops: readonly OrderedOp[],
  flaws: DrawnFlaws,
  comments: readonly string[],
  extraFlaws: readonly ReplyFlaw[] = [],
): ReflectionReply {
  if (flaws.prose)
    return {
      reply: `${reasoning}\n\nOn reflection I would rather describe the changes than list them formally: the points above are my recommendation.`,
      flaws: ["prose"],
    };
  const json = writeOperationsJson(ops, flaws, comments);
  return { reply: `${reasoning}\n\n\`\`\`json\n${json.text}\n\`\`\``, flaws: [...extraFlaws, ...json.flaws] };
}

/** `writeReply` for planned operations: each one's explanation doubles as its comment. */
export function writePlannedReply(
  reasoning: string,
  planned: readonly PlannedOp[],
  flaws: DrawnFlaws,
  extraFlaws: readonly ReplyFlaw[] = [],
): ReflectionReply {
  return writeReply(
    reasoning,
    planned.map((p) => p.op),
    flaws,
    planned.map((p) => p.why),
    extraFlaws,
  );
}
