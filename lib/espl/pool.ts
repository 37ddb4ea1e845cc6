/**
 * The evolution pool (SPEC §5): a FIFO list of programs, oldest first, with an id counter that never
 * hands out an id twice, persisted as `evolution_pool.json` (SPEC §5.6).
 */
import { z } from "zod";
import {
  createRootProgram,
  programFromStateDict,
  programStateDictSchema,
  programToStateDict,
} from "./program";
import { renumberPrinciples } from "./operations";
import type { Program, ProgramStateDict } from "./program";

/** The `evolution_pool.json` object, keys in the reference's order. */
export interface PoolStateDict {
  max_pool_size: number;
  max_program_id: number;
  evolution_pool: ProgramStateDict[];
}

export const poolStateDictSchema = z.object({
  max_pool_size: z.int().positive().optional(),
  max_program_id: z.int().min(-1).optional(),
  evolution_pool: z.array(programStateDictSchema),
});

export interface PoolLoadOptions {
  /** Used when the file has no `max_pool_size` (normally the config's); otherwise the file's value wins. */
  fallbackMaxPoolSize?: number;
}

/**
 * Pool indices that selection may pick from: the newest `window` entries, or all of them when the
 * window is at least the pool's length. A window of 0 also means all: the reference slices with
 * `[-window:]`, and `-0` is the start of the list.
 */
export function getCandidateIndices(poolLength: number, window: number): number[] {
  if (!Number.isSafeInteger(window) || window < 0)
    throw new RangeError(`selection window must be a non-negative integer, got ${window}`);
  const start = window > 0 && window < poolLength ? poolLength - window : 0;
  const out: number[] = [];
  for (let i = start; i < poolLength; i++) out.push(i);
  return out;
}

export class EvolutionPool {
  readonly programs: Program[];

  constructor(
    public maxPoolSize: number,
    programs: readonly Program[] = [],
    /** Last id handed out; -1 before the first. */
    public maxProgramId = -1,
  ) {
    if (!Number.isSafeInteger(maxPoolSize) || maxPoolSize < 1)
      throw new RangeError(`max_pool_size must be a positive integer, got ${maxPoolSize}`);
    this.programs = [...programs];
  }

  /**
   * A fresh pool holding only the root program (id 0), as every run starts. The reference's root has no
   * principles; `rootPrinciples` lets a run start from a prompt of its own (numbered G0…, as operators do).
   */
  static createWithRoot(maxPoolSize: number, rootPrinciples: readonly string[] = []): EvolutionPool {
    const pool = new EvolutionPool(maxPoolSize);
    pool.add(createRootProgram(pool.getNewProgramId(), renumberPrinciples(rootPrinciples)));
    return pool;
  }

  get size(): number {
    return this.programs.length;
  }

  getNewProgramId(): number {
    this.maxProgramId += 1;
    return this.maxProgramId;
  }

  /**
   * Appends a program and evicts the oldest while over capacity. No elitism: the best-rated program
   * goes like any other, even a parent rated this very step (SPEC §13 item 26). Returns the evicted
   * programs, oldest first, so the caller can record when each left.
   */
  add(program: Program): Program[] {
    this.programs.push(program);
    // The reference drops one entry per add; a loop is the same for every pool that respects its
    // capacity and keeps the bound even for a hand-edited file that does not.
    const evicted: Program[] = [];
    while (this.programs.length > this.maxPoolSize) evicted.push(this.programs.shift() as Program);
    return evicted;
  }

  latest(): Program {
    const last = this.programs[this.programs.length - 1];
    if (!last) throw new Error("the evolution pool is empty");
    return last;
  }

  find(programId: number): Program | undefined {
    return this.programs.find((p) => p.programId === programId);
  }

  getCandidateIndices(window: number): number[] {
    return getCandidateIndices(this.programs.length, window);
  }

  toStateDict(): PoolStateDict {
    return {
      max_pool_size: this.maxPoolSize,
      max_program_id: this.maxProgramId,
      evolution_pool: this.programs.map(programToStateDict),
    };
  }

  /** `evolution_pool.json` text, indented by two spaces like the reference's file. */
  stringify(): string {
    return JSON.stringify(this.toStateDict(), null, 2);
  }

  /**
   * Loads a pool object. The file's `max_pool_size` replaces the config's (SPEC §5.6). A missing
   * `max_program_id`, or one below an id already in the pool, becomes the largest id present so the
   * counter can never reissue an id.
   */
  static fromStateDict(raw: unknown, options: PoolLoadOptions = {}): EvolutionPool {
    const state = poolStateDictSchema.parse(raw);
    const maxPoolSize = state.max_pool_size ?? options.fallbackMaxPoolSize;
    if (maxPoolSize === undefined)
      throw new Error("evolution pool has no max_pool_size and no fallback was given");
    const programs = state.evolution_pool.map(programFromStateDict);
    const largestId = programs.reduce((m, p) => Math.max(m, p.programId), -1);
    return new EvolutionPool(maxPoolSize, programs, Math.max(state.max_program_id ?? -1, largestId));
  }

  static parse(text: string, options: PoolLoadOptions = {}): EvolutionPool {
    return EvolutionPool.fromStateDict(JSON.parse(text), options);
  }
}
