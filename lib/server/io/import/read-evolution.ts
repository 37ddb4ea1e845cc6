/**
 * A step's evolution files as events: mutation (single_rollout_summary.json, single_query_critique.json,
 * batch_update.json, evolved_principles.json) and crossover (crossover_prompt.txt, crossover_response.txt,
 * crossover_result.json). The reference saves no prompts for the mutation stages, so those calls keep
 * the reply and the operations, with an empty prompt and a note in the event's details.
 */
import "server-only";
import { join } from "node:path";
import { getOperationsFromJson } from "@/lib/espl/llm/json-repair";
import { fileExists, readJsonFile, readTextFile } from "./read-files";
import { findChild } from "./pool-history";
import type { ProblemList } from "./problems";
import {
  batchUpdateFileSchema,
  critiqueFileSchema,
  principlesFileSchema,
  summaryFileSchema,
  type PoolEntry,
} from "./schemas";

export interface ImportedCall {
  ordinal: number;
  purpose: "summary" | "critique" | "batch_revision" | "crossover";
  prompt: string;
  rawReply: string | null;
  parsedOperations?: unknown;
  error: null;
}

export interface ImportedEvent {
  kind: "mutation" | "crossover";
  status: "ok" | "failed";
  parentIds: number[];
  /** Pool id of the child, or null. */
  childId: number | null;
  error: string | null;
  details: Record<string, unknown>;
  calls: ImportedCall[];
}

interface Pools {
  before: PoolEntry[];
  /** Null when the next pool file is missing: children cannot be identified then. */
  after: PoolEntry[] | null;
}

/** batch_update.json's `new_principles` (an id → text object in order) as [id, text] pairs, or null. */
function readCandidates(value: unknown): [string, string][] | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, text]) => typeof text === "string") ? (entries as [string, string][]) : null;
}

async function readMutation(dir: string, step: number, pools: Pools, problems: ProblemList) {
  const files = ["single_rollout_summary.json", "single_query_critique.json", "batch_update.json"];
  const present = await Promise.all(files.map((f) => fileExists(join(dir, f))));
  if (!present.some(Boolean)) return null;
  const summaries = await readJsonFile(join(dir, files[0]!), summaryFileSchema, problems, { optional: true });
  const critiques = await readJsonFile(join(dir, files[1]!), critiqueFileSchema, problems, {
    optional: true,
  });
  const batch = await readJsonFile(join(dir, files[2]!), batchUpdateFileSchema, problems, { optional: true });
  const evolved = await readJsonFile(join(dir, "evolved_principles.json"), principlesFileSchema, problems, {
    optional: true,
  });
  const calls: ImportedCall[] = [];
  for (const [problem, list] of Object.entries(summaries ?? {}))
    for (const s of list)
      calls.push({
        ordinal: calls.length,
        purpose: "summary",
        prompt: problem,
        rawReply: s.trajectory_summary ?? null,
        error: null,
      });
  for (const c of critiques ?? [])
    calls.push({
      ordinal: calls.length,
      purpose: "critique",
      prompt: "",
      rawReply: c.critique ?? null,
      parsedOperations: c.operations,
      error: null,
    });
  if (batch)
    calls.push({
      ordinal: calls.length,
      purpose: "batch_revision",
      prompt: "",
      rawReply: batch.response ?? null,
      parsedOperations: batch.operations,
      error: null,
    });
  const child = pools.after ? findChild(pools.before, pools.after, step, "mutation") : null;
  const event: ImportedEvent = {
    kind: "mutation",
    status: child ? "ok" : "failed",
    parentIds: child ? [child.self_modified_from] : [],
    childId: child?.program_id ?? null,
    error: child ? null : "no mutation child found in the next step's pool",
    details: {
      imported: true,
      promptsSaved: false,
      revisionPlan: batch?.response ?? null,
      operations: batch?.operations ?? [],
      evolvedPrinciples: evolved,
      // What the Prompts view needs to trace each principle of the child exactly (lib/view/prompts/derive-hop.ts):
      // the candidates before renumbering, in the child's order, and the operations that made them.
      preRenumberPrinciples: readCandidates(batch?.new_principles),
      critiqueOperations: (critiques ?? []).map((c) => c.operations),
      revisionPlanOperations: batch?.revision_plan ?? null,
    },
    calls,
  };
  return event;
}

async function readCrossover(dir: string, step: number, pools: Pools, problems: ProblemList) {
  const prompt = await readTextFile(join(dir, "crossover_prompt.txt"), problems, { optional: true });
  if (prompt === null) return null;
  const reply = await readTextFile(join(dir, "crossover_response.txt"), problems);
  const result = await readJsonFile(join(dir, "crossover_result.json"), principlesFileSchema, problems, {
    optional: true,
  });
  const child = result && pools.after ? findChild(pools.before, pools.after, step, "crossover") : null;
  const event: ImportedEvent = {
    kind: "crossover",
    status: child ? "ok" : "failed",
    parentIds: child?.parents_list ?? [],
    childId: child?.program_id ?? null,
    // The reference writes crossover_result.json only when the reply parsed into a new program.
    error: child
      ? null
      : result
        ? "no crossover child found in the next step's pool"
        : "the reply gave no program",
    // The reply's operations as the engine parses them, so the child's principles can be traced.
    details: { imported: true, result, operations: reply === null ? null : getOperationsFromJson(reply) },
    calls: [
      {
        ordinal: 0,
        purpose: "crossover",
        prompt,
        rawReply: reply,
        parsedOperations: result ?? undefined,
        error: null,
      },
    ],
  };
  return event;
}

export async function readEvolutionEvents(
  dir: string,
  step: number,
  pools: Pools,
  problems: ProblemList,
): Promise<ImportedEvent[]> {
  const events = [
    await readMutation(dir, step, pools, problems),
    await readCrossover(dir, step, pools, problems),
  ];
  return events.filter((e): e is ImportedEvent => e !== null);
}
