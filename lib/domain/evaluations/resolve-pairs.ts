/**
 * Turns an evaluation's selectors into the concrete grid: checkpoints (base weights, saved checkpoints)
 * × programs (pool ids), checkpoint-major, without duplicates. "best" and "topK" rank by the conservative
 * rating μ − kσ (k = 3, the pool's own rule), ties to the older program. Pure: the caller reads the
 * run's checkpoints and programs.
 */
import type { EvaluationSpec } from "./evaluation-spec";

export const CONSERVATIVE_K = 3;

export interface SavedCheckpoint {
  step: number;
  /** "000020", "best", "final" … */
  name: string;
}

export interface RatedProgram {
  programId: number;
  mu: number;
  sigma: number;
}

export interface ResolvedCheckpoint {
  label: string;
  /** -1 for the base weights. */
  step: number;
  /** The saved checkpoint's name; null for the base weights. */
  name: string | null;
}

export interface ResolvedCell {
  position: number;
  checkpoint: ResolvedCheckpoint;
  programId: number;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

export const BASE_CHECKPOINT: ResolvedCheckpoint = { label: "base", step: -1, name: null };

export function conservativeRating(program: RatedProgram, k = CONSERVATIVE_K): number {
  return program.mu - k * program.sigma;
}

function labelOf(checkpoint: SavedCheckpoint): string {
  if (checkpoint.name === "final") return "final";
  if (checkpoint.name === "best") return `best (step ${checkpoint.step})`;
  return `step ${checkpoint.step}`;
}

function toResolved(checkpoint: SavedCheckpoint): ResolvedCheckpoint {
  return { label: labelOf(checkpoint), step: checkpoint.step, name: checkpoint.name };
}

export function resolveCheckpoints(
  selectors: readonly string[],
  saved: readonly SavedCheckpoint[],
): Resolved<ResolvedCheckpoint[]> {
  const ordered = [...saved].sort((a, b) => a.step - b.step || a.name.localeCompare(b.name));
  const out: ResolvedCheckpoint[] = [];
  const add = (c: ResolvedCheckpoint) => {
    if (!out.some((o) => o.step === c.step && o.name === c.name)) out.push(c);
  };
  for (const selector of selectors) {
    if (selector === "base") add(BASE_CHECKPOINT);
    else if (selector === "final") {
      const final = ordered.find((c) => c.name === "final");
      if (!final) return { ok: false, message: "this run has no final checkpoint (it has not finished)" };
      add(toResolved(final));
    } else if (selector === "all") {
      if (ordered.length === 0) return { ok: false, message: "this run has no saved checkpoints" };
      for (const c of ordered) add(toResolved(c));
    } else {
      const step = Number(selector);
      // A periodic save and "best" may share a step: the periodic one is the step's weights by name.
      const atStep = ordered.filter((c) => c.step === step);
      const pick = atStep.find((c) => c.name !== "best") ?? atStep[0];
      if (!pick) {
        const steps = [...new Set(ordered.map((c) => c.step))].join(", ");
        return {
          ok: false,
          message: `no checkpoint was saved at step ${step}${steps ? ` (saved: ${steps})` : ""}`,
        };
      }
      add(toResolved(pick));
    }
  }
  return { ok: true, value: out };
}

/** Programs by conservative rating, best first (ties: the lower id). */
export function rankPrograms(programs: readonly RatedProgram[], k = CONSERVATIVE_K): RatedProgram[] {
  return [...programs].sort(
    (a, b) => conservativeRating(b, k) - conservativeRating(a, k) || a.programId - b.programId,
  );
}

export function resolvePrograms(
  selectors: readonly string[],
  programs: readonly RatedProgram[],
): Resolved<number[]> {
  const ranked = rankPrograms(programs);
  const out: number[] = [];
  const add = (id: number) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const selector of selectors) {
    if (selector === "root") {
      if (!programs.some((p) => p.programId === 0))
        return { ok: false, message: "this run has no root program yet" };
      add(0);
    } else if (selector === "best") {
      if (ranked.length === 0) return { ok: false, message: "this run has no programs yet" };
      add(ranked[0]!.programId);
    } else if (selector.startsWith("top")) {
      const k = Number(selector.slice(3));
      if (ranked.length === 0) return { ok: false, message: "this run has no programs yet" };
      for (const p of ranked.slice(0, k)) add(p.programId);
    } else {
      const id = Number(selector);
      if (!programs.some((p) => p.programId === id))
        return { ok: false, message: `this run has no program ${id}` };
      add(id);
    }
  }
  return { ok: true, value: out };
}

/** The grid of an evaluation, checkpoint-major. */
export function resolveCells(
  spec: Pick<EvaluationSpec, "checkpoints" | "programs">,
  saved: readonly SavedCheckpoint[],
  programs: readonly RatedProgram[],
): Resolved<ResolvedCell[]> {
  const checkpoints = resolveCheckpoints(spec.checkpoints, saved);
  if (!checkpoints.ok) return checkpoints;
  const ids = resolvePrograms(spec.programs, programs);
  if (!ids.ok) return ids;
  const cells: ResolvedCell[] = [];
  for (const checkpoint of checkpoints.value)
    for (const programId of ids.value) cells.push({ position: cells.length, checkpoint, programId });
  return { ok: true, value: cells };
}
