/**
 * The one series palette of every chart: twenty colours as CSS variables, so the dark theme's inverted
 * scales apply. Chosen (and ordered) so that any two differ clearly in both themes (OKLab distance ≥
 * 0.08, ≥ 0.11 among the first ten) and every one keeps a 3:1 contrast against the card surface, light
 * and dark (WCAG's bar for graphics); series-colors.test.ts checks both against the theme's values.
 * Twenty, because a panel draws up to sixteen metrics and the ratings chart up to its leaderboard's ten.
 *
 * Programs: a program's home colour depends on its pool id only (id mod 20), so it is the same on every
 * page. A chart that draws several programs asks assignProgramColors, which keeps every home colour it
 * can and moves only a program whose home colour a lower id already holds in that chart to the next free
 * colour: programs drawn together never share a colour, and two views of the same programs agree.
 */
export const SERIES_PALETTE = [
  "var(--color-sky-600)",
  "var(--color-orange-600)",
  "var(--color-green-600)",
  "var(--color-rose-700)",
  "var(--color-indigo-500)",
  "var(--color-yellow-900)",
  "var(--color-fuchsia-500)",
  "var(--color-teal-700)",
  "var(--color-lime-700)",
  "var(--color-slate-600)",
  "var(--color-pink-500)",
  "var(--color-indigo-800)",
  "var(--color-yellow-700)",
  "var(--color-fuchsia-900)",
  "var(--color-sky-700)",
  "var(--color-orange-700)",
  "var(--color-red-800)",
  "var(--color-green-800)",
  "var(--color-fuchsia-700)",
  "var(--color-rose-500)",
] as const;

const slotOf = (index: number) => {
  const n = SERIES_PALETTE.length;
  return ((index % n) + n) % n;
};

/** Program #id's home colour, the same on every page (a chart of several programs: assignProgramColors). */
export function colorForProgram(programId: number): string {
  return SERIES_PALETTE[slotOf(programId)]!;
}

/**
 * Colours for programs drawn together: each keeps its home colour unless a lower id in `programIds`
 * holds it, then takes the next free one. Depends on the set only (not its order), so every view of the
 * same programs colours them alike. Past twenty programs colours repeat, as they must.
 */
export function assignProgramColors(programIds: readonly number[]): Map<number, string> {
  const ids = [...new Set(programIds)].sort((a, b) => a - b);
  const taken = new Set<number>();
  const colors = new Map<number, string>();
  for (const id of ids) {
    let slot = slotOf(id);
    if (taken.size < SERIES_PALETTE.length) while (taken.has(slot)) slot = slotOf(slot + 1);
    taken.add(slot);
    colors.set(id, SERIES_PALETTE[slot]!);
  }
  return colors;
}

/** A series that is not a program (a run in a comparison, a metric in a panel) by its stable index. */
export function colorForIndex(index: number): string {
  return SERIES_PALETTE[slotOf(index)]!;
}

/** Neutral chart furniture (grid, axes, ticks), theme-following. */
export const CHART_INK = {
  grid: "var(--color-slate-200)",
  axis: "var(--color-slate-400)",
  tick: "var(--color-slate-600)",
  label: "var(--color-slate-600)",
} as const;

/** The plot area's margins, shared so every chart's axes line up when panels sit side by side. */
export const CHART_MARGIN = { top: 8, right: 16, bottom: 16, left: 4 } as const;

/** Stroke and tick style of every axis (spread into Recharts' XAxis/YAxis). */
export const AXIS_STYLE = {
  stroke: CHART_INK.axis,
  tick: { fill: CHART_INK.tick, fontSize: 11 },
} as const;

/** The x axis's title under its ticks. */
export function xAxisLabel(value: string) {
  return { value, position: "insideBottom", offset: -10, fill: CHART_INK.label, fontSize: 11 } as const;
}

/** Evolution marker colours (reference lines on the step axis). */
export const MARKER_COLOR = {
  mutation: "var(--color-emerald-600)",
  crossover: "var(--color-violet-600)",
  failed: "var(--color-red-600)",
} as const;
