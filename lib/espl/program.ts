/**
 * A program (candidate system prompt) and its serialised form, the reference's `state_dict`
 * (SPEC §4.1). In memory principles are an ordered `Principle[]`; on disk they are an object whose key
 * order is the principle order. Programs in a pool always carry renumbered ids "G0".."G{n-1}" (every
 * operator renumbers), which are never integer-like, so plain JS objects keep that order.
 */
import { z } from "zod";
import { DEFAULT_MU, DEFAULT_SIGMA } from "./trueskill/system";
import type { Principle, Rating } from "./types";

/** TrueSkill's initial belief (μ 25, σ 25/3), which the root program and default-constructed ones get. */
export const DEFAULT_RATING: Readonly<Rating> = Object.freeze({ mu: DEFAULT_MU, sigma: DEFAULT_SIGMA });

export interface Program {
  principles: Principle[];
  programId: number;
  /** Step that created it; -1 for the root, null when constructed without one (the reference's None). */
  timestep: number | null;
  /** Parent id of a mutation child, -1 otherwise. */
  selfModifiedFrom: number;
  /** Ids of its mutation children. */
  selfModifyIdList: number[];
  /** Parent ids of a crossover child (Set A first), null otherwise. */
  parentsList: number[] | null;
  /** Ids of the crossover children it parented. */
  childrenList: number[];
  /** One score per selection slot it filled (a program picked twice in a step gets two). */
  pastScoreHistory: number[];
  rating: Rating;
}

export interface ProgramInit {
  principles?: readonly Principle[];
  programId: number;
  timestep?: number | null;
  selfModifiedFrom?: number;
  parentsList?: readonly number[] | null;
  rating?: Rating;
}

export function createProgram(init: ProgramInit): Program {
  return {
    principles: (init.principles ?? []).map((p) => ({ id: p.id, text: p.text })),
    programId: init.programId,
    timestep: init.timestep ?? null,
    selfModifiedFrom: init.selfModifiedFrom ?? -1,
    selfModifyIdList: [],
    parentsList: init.parentsList ? [...init.parentsList] : null,
    childrenList: [],
    pastScoreHistory: [],
    rating: init.rating ? { mu: init.rating.mu, sigma: init.rating.sigma } : { ...DEFAULT_RATING },
  };
}

/** The root: no principles, timestep -1, initial rating. Its id comes from the pool's counter (0). */
export function createRootProgram(programId = 0, principles: readonly Principle[] = []): Program {
  return createProgram({ programId, timestep: -1, principles });
}

const ratingSchema = z.object({ mu: z.number(), sigma: z.number() });

/**
 * Every key but `program_id` and `principles` may be missing; missing keys keep the constructor's
 * defaults, as the reference's loader does. Ratings are taken as stored, without the σ floor (the
 * reference's loader bypasses it too; TrueSkill's variance re-applies it, SPEC §13 item 29).
 */
export const programStateDictSchema = z.object({
  principles: z.record(z.string(), z.string()),
  program_id: z.int(),
  timestep: z.int().nullable().optional(),
  self_modified_from: z.int().optional(),
  self_modify_id_list: z.array(z.int()).optional(),
  parents_list: z.array(z.int()).nullable().optional(),
  children_list: z.array(z.int()).optional(),
  past_score_history: z.array(z.number()).optional(),
  rating: ratingSchema.optional(),
});

/** The serialised program, keys in the reference's order. */
export interface ProgramStateDict {
  principles: Record<string, string>;
  program_id: number;
  timestep: number | null;
  self_modified_from: number;
  self_modify_id_list: number[];
  parents_list: number[] | null;
  children_list: number[];
  past_score_history: number[];
  rating: Rating;
}

export function principlesToObject(principles: readonly Principle[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of principles) out[p.id] = p.text;
  return out;
}

export function principlesFromObject(principles: Readonly<Record<string, string>>): Principle[] {
  return Object.entries(principles).map(([id, text]) => ({ id, text }));
}

export function programToStateDict(program: Program): ProgramStateDict {
  // Built key by key so JSON.stringify writes the reference's key order.
  return {
    principles: principlesToObject(program.principles),
    program_id: program.programId,
    timestep: program.timestep,
    self_modified_from: program.selfModifiedFrom,
    self_modify_id_list: [...program.selfModifyIdList],
    parents_list: program.parentsList ? [...program.parentsList] : null,
    children_list: [...program.childrenList],
    past_score_history: [...program.pastScoreHistory],
    rating: { mu: program.rating.mu, sigma: program.rating.sigma },
  };
}

/** Parses one `state_dict`; throws a zod error naming the offending path when it is malformed. */
export function programFromStateDict(raw: unknown): Program {
  const s = programStateDictSchema.parse(raw);
  const program = createProgram({
    programId: s.program_id,
    principles: principlesFromObject(s.principles),
    timestep: s.timestep ?? null,
    selfModifiedFrom: s.self_modified_from,
    parentsList: s.parents_list ?? null,
    rating: s.rating,
  });
  program.selfModifyIdList = s.self_modify_id_list ?? [];
  program.childrenList = s.children_list ?? [];
  program.pastScoreHistory = s.past_score_history ?? [];
  return program;
}

/** A deep copy, so a caller can change one without touching the pool's entry. */
export function cloneProgram(program: Program): Program {
  return programFromStateDict(programToStateDict(program));
}
