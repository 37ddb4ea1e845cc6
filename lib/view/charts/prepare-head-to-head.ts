/**
 * The head-to-head grid of one step: programs (rows, best first) × the batch's problems (columns), each
 * cell k of n correct. A problem's unique winner is decided exactly as crossover decides who "did best"
 * on it (SPEC §9.1, the engine's own findUniqueWinner): among the step's ranked unique slots (one per
 * program, its best-scoring slot), the slot whose float32 mean reward beats every other by at least the
 * 0.01 tolerance. With a single distinct program there is no contest, so nothing is marked.
 */
import { findUniqueWinner } from "@/lib/espl/crossover/plan-crossover";
import { rankProgramSlots } from "@/lib/espl/trueskill/step-ratings";

/** One (slot, problem) aggregate from SQL: no rollout row leaves the database. */
export interface SlotProblemCell {
  slot: number;
  programId: number;
  problemIndex: number;
  problemId: number | null;
  n: number;
  successes: number;
  rewardSum: number;
}

export interface HeadToHeadCell {
  problemIndex: number;
  /** Over all of the program's slots on this problem (what the linked rollouts list shows). */
  successes: number;
  n: number;
  /** Per slot, for a program that filled several. */
  slots: { slot: number; successes: number; n: number }[];
  winner: boolean;
}

export interface HeadToHeadRow {
  programId: number;
  /** Slots the program filled, in slot order. */
  slots: number[];
  /** The slot that stands for the program (its best-ranked one), as crossover uses it. */
  rankedSlot: number;
  /** Mean reward of the ranked slot over the whole batch. */
  score: number;
  wins: number;
  cells: (HeadToHeadCell | null)[];
}

export interface HeadToHeadColumn {
  problemIndex: number;
  problemId: number | null;
  successes: number;
  n: number;
  winnerProgramId: number | null;
}

export interface HeadToHeadGrid {
  rows: HeadToHeadRow[];
  columns: HeadToHeadColumn[];
  /** Whether the ranking came from the step's stored ranking (else recomputed from the rewards). */
  rankingSource: "stored" | "recomputed";
}

/** Slot order of the step: the stored unique ranking when it fits the cells, else the engine's ranking. */
function rankSlots(cells: readonly SlotProblemCell[], storedUniqueSlots: readonly number[] | null) {
  const bySlot = new Map<number, { programId: number; sum: number; n: number }>();
  for (const c of cells) {
    const s = bySlot.get(c.slot) ?? { programId: c.programId, sum: 0, n: 0 };
    s.sum += c.rewardSum;
    s.n += c.n;
    bySlot.set(c.slot, s);
  }
  const slots = [...bySlot.keys()].sort((a, b) => a - b);
  const scoreOf = (slot: number) => bySlot.get(slot)!.sum / bySlot.get(slot)!.n;
  const programs = new Set(slots.map((s) => bySlot.get(s)!.programId));
  const storedFits =
    storedUniqueSlots !== null &&
    storedUniqueSlots.length === programs.size &&
    storedUniqueSlots.every((s) => bySlot.has(s)) &&
    new Set(storedUniqueSlots.map((s) => bySlot.get(s)!.programId)).size === programs.size;
  if (storedFits) return { ranked: [...storedUniqueSlots], bySlot, scoreOf, source: "stored" as const };
  // rankProgramSlots works on dense slot positions; map them back to slot numbers.
  const ranking = rankProgramSlots(
    slots.map((s) => bySlot.get(s)!.programId),
    slots.map(scoreOf),
  );
  return {
    ranked: ranking.sortedProgramIndicesUnique.map((i) => slots[i]!),
    bySlot,
    scoreOf,
    source: "recomputed" as const,
  };
}

export function prepareHeadToHead(
  cells: readonly SlotProblemCell[],
  storedUniqueSlots: readonly number[] | null = null,
): HeadToHeadGrid {
  if (cells.length === 0) return { rows: [], columns: [], rankingSource: "recomputed" };
  const { ranked, bySlot, scoreOf, source } = rankSlots(cells, storedUniqueSlots);
  const problemIndexes = [...new Set(cells.map((c) => c.problemIndex))].sort((a, b) => a - b);
  const cellAt = new Map(cells.map((c) => [`${c.slot}:${c.problemIndex}`, c]));
  const contested = ranked.length >= 2;

  const winnerSlotOf = new Map<number, number | null>();
  for (const b of problemIndexes) {
    const present = ranked.filter((slot) => cellAt.has(`${slot}:${b}`));
    const scores = new Map(
      present.map((slot) => {
        const c = cellAt.get(`${slot}:${b}`)!;
        // The engine's problemScore: one float32 rounding of sum / n (SQL hands us the sum, not the rewards).
        return [slot, Math.fround(c.rewardSum / c.n)];
      }),
    );
    winnerSlotOf.set(b, contested && present.length > 0 ? findUniqueWinner(present, scores) : null);
  }

  const rows: HeadToHeadRow[] = ranked.map((rankedSlot) => {
    const programId = bySlot.get(rankedSlot)!.programId;
    const slots = [...bySlot.keys()]
      .filter((s) => bySlot.get(s)!.programId === programId)
      .sort((a, b) => a - b);
    const rowCells = problemIndexes.map((b) => {
      const parts = slots.flatMap((slot) => {
        const c = cellAt.get(`${slot}:${b}`);
        return c ? [{ slot, successes: c.successes, n: c.n }] : [];
      });
      if (parts.length === 0) return null;
      return {
        problemIndex: b,
        successes: parts.reduce((a, p) => a + p.successes, 0),
        n: parts.reduce((a, p) => a + p.n, 0),
        slots: parts,
        winner: winnerSlotOf.get(b) === rankedSlot,
      };
    });
    return {
      programId,
      slots,
      rankedSlot,
      score: scoreOf(rankedSlot),
      wins: rowCells.filter((c) => c?.winner).length,
      cells: rowCells,
    };
  });

  const columns = problemIndexes.map((b) => {
    const inColumn = cells.filter((c) => c.problemIndex === b);
    const winnerSlot = winnerSlotOf.get(b) ?? null;
    return {
      problemIndex: b,
      problemId: inColumn.find((c) => c.problemId !== null)?.problemId ?? null,
      successes: inColumn.reduce((a, c) => a + c.successes, 0),
      n: inColumn.reduce((a, c) => a + c.n, 0),
      winnerProgramId: winnerSlot === null ? null : bySlot.get(winnerSlot)!.programId,
    };
  });
  return { rows, columns, rankingSource: source };
}
