/**
 * The lineage and ratings views' contracts, shared by the server data functions, the route handlers and
 * the client. The graph ships summaries only (a short principle preview, no rating history); a node's
 * full principles, history and creating event are loaded on demand.
 */
import { z } from "zod";

export type EdgeKindName = "mutation" | "crossover";
export type OriginName = "root" | "mutation" | "crossover" | "manual";

export interface LineageNode {
  /** The pool id (0 = root), unique within the run. */
  id: number;
  origin: OriginName;
  birthStep: number;
  /** Step at which FIFO eviction dropped it; null while in the pool (or after a frozen link's step). */
  evictedAtStep: number | null;
  mu: number;
  sigma: number;
  timesSelected: number;
  principleCount: number;
  /** The first principle, cut to PREVIEW_CHARS. */
  preview: string;
}

export interface LineageEdge {
  parent: number;
  child: number;
  kind: EdgeKindName;
  /** Position among the child's parents (crossover: 0 = Set A, the base program). */
  order: number;
}

export interface RunLineage {
  runId: string;
  runName: string;
  /** Last committed step visible to the caller; null before the first step. */
  lastStep: number | null;
  nodes: LineageNode[];
  edges: LineageEdge[];
}

export const PREVIEW_CHARS = 90;

export interface NodeEvent {
  id: number;
  step: number;
  kind: EdgeKindName;
  status: string;
  error: string | null;
  summary: string;
}

export interface RatingPoint {
  step: number;
  muBefore: number;
  sigmaBefore: number;
  mu: number;
  sigma: number;
  score: number;
  rank: number;
  tieGroup: number;
}

export interface LineageNodeDetail {
  id: number;
  origin: OriginName;
  birthStep: number;
  evictedAtStep: number | null;
  mu: number;
  sigma: number;
  timesSelected: number;
  principles: { id: number | string; text: string }[];
  history: RatingPoint[];
  parents: { id: number; kind: EdgeKindName; order: number }[];
  children: { id: number; kind: EdgeKindName; birthStep: number }[];
  /** The evolution event that created it (null for the root or manual programs). */
  event: NodeEvent | null;
}

/** Route params: pool ids are small non-negative integers. */
export const programIdParam = z.coerce.number().int().min(0).max(2_147_483_647);

export const lineageSearchQuery = z.object({
  q: z.string().trim().min(1, "type something to search").max(200),
});

/** The ratings route: histories of chosen programs and a window of the rank strip. */
export const ratingsQuery = z
  .object({
    programs: z
      .string()
      .regex(/^\d+(,\d+)*$/, "comma-separated program ids")
      .transform((s) => [...new Set(s.split(",").map(Number))])
      .refine((ids) => ids.length <= 50, "at most 50 programs")
      .optional(),
    from: z.coerce.number().int().min(-1).optional(),
    to: z.coerce.number().int().min(-1).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "from must not exceed to",
    path: ["from"],
  });
export type RatingsQuery = z.infer<typeof ratingsQuery>;

export interface LeaderboardRow {
  id: number;
  origin: OriginName;
  mu: number;
  sigma: number;
  conservative: number;
  timesSelected: number;
  /** Mean of the program's per-step scores (mean reward over its slots); null if never rated. */
  meanScore: number | null;
  birthStep: number;
  evictedAtStep: number | null;
}

export interface RatingHistory {
  id: number;
  birthStep: number;
  evictedAtStep: number | null;
  points: { step: number; muBefore: number; sigmaBefore: number; mu: number; sigma: number }[];
}

export interface StripEntry {
  id: number;
  rank: number;
  tieGroup: number;
  score: number;
}

export interface RankStrip {
  from: number;
  to: number;
  steps: { step: number; entries: StripEntry[] }[];
}

export interface RatingsSelection {
  chosen: number[];
  histories: RatingHistory[];
  strip: RankStrip;
}

export interface RunRatings extends RatingsSelection {
  runId: string;
  runName: string;
  lastStep: number | null;
  leaderboard: LeaderboardRow[];
}

/** Programs drawn by default: the top 5 by the conservative rating μ − 3σ (a handful reads; the rest are one click away). */
export const DEFAULT_CHOSEN = 5;
/** Steps in one window of the rank strip. */
export const STRIP_WINDOW = 100;
