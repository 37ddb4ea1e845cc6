"use client";
/**
 * Programs × problems of one step: each cell is k of n correct and links to exactly those rollouts; the
 * problem's unique winner (crossover's rule) is starred. Rendered on the server from the prepared grid.
 */
import Link from "next/link";
import { SafeMarkdown } from "@/components/text/safe-markdown";
import type { HeadToHead } from "@/lib/server/read/head-to-head";
import { useLiveHeadToHead } from "@/lib/client/live/use-live-views";
import { rolloutsHref } from "@/lib/domain/rollouts/rollout-filters";
import type { HeadToHeadColumn } from "@/lib/view/charts/prepare-head-to-head";
import { ScrollRegion } from "@/components/table/scroll-region";

/** Five shades by success rate, so the grid reads as a heat map. */
function shade(successes: number, n: number): string {
  const rate = n === 0 ? 0 : successes / n;
  if (rate === 0) return "bg-slate-50";
  if (rate < 0.25) return "bg-emerald-50";
  if (rate < 0.5) return "bg-emerald-100";
  if (rate < 0.75) return "bg-emerald-200";
  return "bg-emerald-300";
}

function cellHref(basePath: string, step: number, programId: number, column: HeadToHeadColumn) {
  // A dataset problem is the stable key; imported rollouts have none, so their batch position is used.
  return rolloutsHref(basePath, {
    step,
    program: programId,
    split: "train",
    ...(column.problemId !== null ? { problem: column.problemId } : { index: column.problemIndex }),
  });
}

/** `basePath`: the run's view prefix (/runs/<id>, or a share link's), for the links of rows and cells. */
export function HeadToHeadGrid({
  basePath,
  data: rendered,
}: {
  basePath: string;
  data: HeadToHead & { step: number };
}) {
  const data = useLiveHeadToHead(rendered);
  const { grid, step } = data;
  const disagreements = data.recordedWinners
    ? grid.columns.filter((c) => (data.recordedWinners![c.problemIndex] ?? null) !== c.winnerProgramId)
    : [];
  return (
    <div className="space-y-4">
      <ScrollRegion label="Head-to-head grid">
        <table className="border-collapse text-sm" data-testid="h2h-grid">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left">
                Program
              </th>
              {grid.columns.map((c) => (
                <th
                  key={c.problemIndex}
                  scope="col"
                  className="px-2 py-1 font-mono font-normal"
                  title={data.problems[c.problemIndex]?.question}
                >
                  Q{c.problemIndex}
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right font-normal">
                score · wins
              </th>
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => {
              const program = data.programs[row.programId];
              return (
                <tr key={row.programId} data-testid="h2h-row" data-program={row.programId}>
                  <th
                    scope="row"
                    className="sticky left-0 bg-white px-2 py-1 text-left font-normal whitespace-nowrap"
                  >
                    <span className="font-medium">#{row.programId}</span>{" "}
                    <span className="text-slate-500">
                      {program ? `${program.origin}, born ${program.birthStep}` : ""} · slot
                      {row.slots.length > 1
                        ? `s ${row.slots.join(", ")} (ranked by ${row.rankedSlot})`
                        : ` ${row.slots[0]}`}
                    </span>{" "}
                    <Link
                      className="text-sky-700 underline"
                      href={`${basePath}/prompts?program=${row.programId}`}
                    >
                      prompt
                    </Link>{" "}
                    <Link
                      className="text-sky-700 underline"
                      href={`${basePath}/lineage?node=${row.programId}`}
                    >
                      lineage
                    </Link>
                  </th>
                  {row.cells.map((cell, i) => {
                    const column = grid.columns[i]!;
                    if (!cell)
                      return (
                        <td key={column.problemIndex} className="px-2 py-1 text-center text-slate-400">
                          —
                        </td>
                      );
                    return (
                      <td key={column.problemIndex} className="p-0.5">
                        <Link
                          href={cellHref(basePath, step, row.programId, column)}
                          data-testid="h2h-cell"
                          data-problem-index={column.problemIndex}
                          data-winner={cell.winner ? "true" : "false"}
                          title={
                            cell.slots.length > 1
                              ? cell.slots.map((s) => `slot ${s.slot}: ${s.successes}/${s.n}`).join(", ")
                              : `${cell.successes} of ${cell.n} correct`
                          }
                          className={`block min-w-14 rounded px-2 py-1 text-center font-mono ${shade(cell.successes, cell.n)} ${
                            cell.winner ? "font-semibold ring-2 ring-amber-500" : ""
                          }`}
                        >
                          <span data-testid="h2h-count">
                            {cell.successes}/{cell.n}
                          </span>
                          {cell.winner && (
                            <span aria-label="unique winner" className="ml-1 text-amber-600">
                              ★
                            </span>
                          )}
                        </Link>
                      </td>
                    );
                  })}
                  <td className="px-2 py-1 text-right font-mono whitespace-nowrap">
                    {row.score.toFixed(3)} · {row.wins}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-200">
              <th
                scope="row"
                className="sticky left-0 bg-white px-2 py-1 text-left font-normal text-slate-500"
              >
                all programs
              </th>
              {grid.columns.map((c) => (
                <td key={c.problemIndex} className="px-2 py-1 text-center font-mono text-slate-500">
                  {c.successes}/{c.n}
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <p className="text-sm text-slate-600">
        ★ unique winner: the program whose mean reward on the problem beats every other program&apos;s by at
        least 0.01, the rule crossover uses to pick the problems each set &quot;did best on&quot; (a program
        in two slots is represented by its better-ranked slot). Ranking:{" "}
        {grid.rankingSource === "stored" ? "as stored for the step" : "recomputed from the rewards"}.
        {data.recordedWinners &&
          (disagreements.length === 0
            ? " Crossover ran at this step and recorded the same winners."
            : ` Crossover ran at this step and recorded different winners for ${disagreements.map((c) => `Q${c.problemIndex}`).join(", ")}.`)}
      </p>
      <section aria-label="Problems of the batch">
        <h2 className="mb-2 font-medium">Problems of the batch</h2>
        <ol className="space-y-2">
          {grid.columns.map((c) => {
            const problem = data.problems[c.problemIndex];
            return (
              <li key={c.problemIndex} className="flex gap-3 text-sm">
                <span className="w-10 shrink-0 font-mono text-slate-500">Q{c.problemIndex}</span>
                <div className="min-w-0">
                  {problem ? (
                    <SafeMarkdown text={problem.question} />
                  ) : (
                    <span className="text-slate-500">text not stored</span>
                  )}
                  <p className="text-xs text-slate-500">
                    ground truth <span className="font-mono">{problem?.answer ?? "—"}</span> · {c.successes}/
                    {c.n} correct
                    {c.winnerProgramId !== null ? ` · won by #${c.winnerProgramId}` : " · no unique winner"}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
