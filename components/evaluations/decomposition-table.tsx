import type { Decomposition, Effect } from "@/lib/view/evaluations/attribution";

const ROWS: { key: keyof Decomposition; label: string; what: string }[] = [
  { key: "weightsOnly", label: "Weights only", what: "final weights + root prompt" },
  { key: "promptOnly", label: "Prompt only", what: "base weights + best prompt" },
  { key: "both", label: "Both", what: "final weights + best prompt" },
  { key: "interaction", label: "Interaction", what: "both − weights only − prompt only" },
];

const signed = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;

function Bar({ effect }: { effect: Effect }) {
  // −1 … +1 mapped onto the bar's width, zero in the middle.
  const x = (v: number) => 50 + Math.max(-1, Math.min(1, v)) * 50;
  const low = effect.ci ? x(effect.ci.low) : x(effect.estimate);
  const high = effect.ci ? x(effect.ci.high) : x(effect.estimate);
  return (
    <svg viewBox="0 0 100 10" className="h-3 w-40" aria-hidden="true" preserveAspectRatio="none">
      <line x1="50" x2="50" y1="0" y2="10" stroke="var(--color-slate-400)" strokeWidth="0.5" />
      <rect x={low} width={Math.max(0.6, high - low)} y="3" height="4" fill="var(--color-sky-300)" />
      <rect x={x(effect.estimate) - 0.6} width="1.2" y="1" height="8" fill="var(--color-sky-700)" />
    </svg>
  );
}

/** The gain in mean reward over base weights + root prompt, split into its parts, each with its CI. */
export function DecompositionTable({ decomposition }: { decomposition: Decomposition }) {
  return (
    <table className="text-sm" data-testid="decomposition">
      <caption className="mb-1 text-left text-xs text-slate-600">
        Gain in mean reward over base weights + root prompt, 95% t-interval paired by problem
      </caption>
      <tbody>
        {ROWS.map(({ key, label, what }) => {
          const effect = decomposition[key];
          return (
            <tr key={key} className="border-t border-slate-200">
              <th scope="row" className="py-1 pr-3 text-left font-medium">
                {label}
                <div className="text-xs font-normal text-slate-600">{what}</div>
              </th>
              <td className="py-1 pr-3 font-mono" data-testid={`effect-${key}`}>
                {signed(effect.estimate)}
              </td>
              <td className="py-1 pr-3 font-mono text-xs text-slate-700">
                {effect.ci
                  ? `[${signed(effect.ci.low)}, ${signed(effect.ci.high)}]`
                  : "no interval (1 problem)"}
              </td>
              <td className="py-1">
                <Bar effect={effect} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
