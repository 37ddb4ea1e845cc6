import type { ComparedRun } from "@/lib/server/read/compare-runs";
import { colorForIndex } from "@/lib/view/charts/series-colors";

function principlesOf(value: unknown): string[] {
  return Array.isArray(value) ? (value as { text?: unknown }[]).map((p) => String(p?.text ?? "")) : [];
}

/**
 * One prompt card per compared run: the best program's principles, or for a run that never evolved its
 * prompt (RL only) the root program's, named as the initial principles so the card is never blank.
 */
export function ComparePrompts({
  runs,
  hrefOf,
}: {
  runs: readonly ComparedRun[];
  hrefOf: (id: string) => string;
}) {
  return (
    <section
      aria-label="Prompts"
      className="grid items-start gap-4"
      style={{ gridTemplateColumns: `repeat(${Math.max(1, runs.length)}, minmax(16rem, 1fr))` }}
    >
      {runs.map((r, i) => {
        const principles = principlesOf(r.prompt?.principles);
        return (
          <div
            key={r.id}
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
            data-testid="prompt-card"
          >
            <h3 className="flex items-center gap-2 font-medium">
              <span
                aria-hidden
                className="inline-block h-2.5 w-2.5 rounded-full"
                style={{ background: colorForIndex(i) }}
              />
              <a href={hrefOf(r.id)} className="hover:underline">
                {r.name}
              </a>
            </h3>
            <p className="mt-0.5 text-xs text-slate-600">
              {r.prompt === null
                ? "No prompt recorded."
                : r.prompt.kind === "best"
                  ? `Best program #${r.prompt.programId}`
                  : `Initial principles${r.prompt.programId !== null ? ` (root program #${r.prompt.programId})` : ""}${
                      r.trainMode === "rl" ? ": an RL-only run keeps its prompt" : ": no best program yet"
                    }`}
            </p>
            {principles.length > 0 ? (
              <ol className="mt-2 list-decimal space-y-1 pl-5">
                {principles.map((text, j) => (
                  <li key={j}>{text}</li>
                ))}
              </ol>
            ) : r.prompt ? (
              <p className="mt-2 text-slate-500">No principles.</p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
