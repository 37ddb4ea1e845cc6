/**
 * A results table as text a researcher pastes: CSV (one row per group, metric and kind, full precision,
 * for further analysis), Markdown and LaTeX (one row per group, "mean ± half-width" cells, 3 decimals).
 */
import type { MeanInterval } from "./statistics";
import type { ResultsTable } from "./prepare-groups";

const KINDS = ["final", "best"] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatResultsCsv(table: ResultsTable): string {
  const lines = ["group,metric,kind,n,mean,lower,upper,sd"];
  for (const group of table.groups)
    for (const metric of table.metricKeys)
      for (const kind of KINDS) {
        const m = group.metrics[metric]?.[kind];
        if (!m) continue;
        lines.push([group.label, metric, kind, m.n, m.mean, m.lower, m.upper, m.sd].map(csvCell).join(","));
      }
  return `${lines.join("\n")}\n`;
}

/** "0.412 ± 0.031"; one run: "0.412"; none: "–". */
export function formatInterval(m: MeanInterval | null | undefined, pm = "±"): string {
  if (!m) return "–";
  const mean = m.mean.toFixed(3);
  if (m.lower === null || m.upper === null) return mean;
  return `${mean} ${pm} ${((m.upper - m.lower) / 2).toFixed(3)}`;
}

/** "testing/Pass@4" → "Pass@4". */
function shortMetric(key: string): string {
  return key.replace(/^testing\//, "");
}

function columns(table: ResultsTable): { title: string; metric: string; kind: (typeof KINDS)[number] }[] {
  return table.metricKeys.flatMap((metric) =>
    KINDS.map((kind) => ({ title: `${kind} ${shortMetric(metric)}`, metric, kind })),
  );
}

function groupN(table: ResultsTable, index: number): number {
  return table.groups[index]!.runIds.length;
}

export function formatResultsMarkdown(table: ResultsTable): string {
  const cols = columns(table);
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `| group | n | ${cols.map((c) => c.title).join(" | ")} |`,
    `| --- | ---: | ${cols.map(() => "---:").join(" | ")} |`,
    ...table.groups.map(
      (g, i) =>
        `| ${escape(g.label)} | ${groupN(table, i)} | ${cols.map((c) => formatInterval(g.metrics[c.metric]?.[c.kind])).join(" | ")} |`,
    ),
  ];
  return `${lines.join("\n")}\n\nMean ± half-width of the 95% Student-t interval over runs (n − 1 degrees of freedom).\n`;
}

const LATEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIAL[c]!);
}

export function formatResultsLatex(table: ResultsTable): string {
  const cols = columns(table);
  const lines = [
    `\\begin{tabular}{lr${"r".repeat(cols.length)}}`,
    "\\hline",
    `Group & $n$ & ${cols.map((c) => escapeLatex(c.title)).join(" & ")} \\\\`,
    "\\hline",
    ...table.groups.map(
      (g, i) =>
        `${escapeLatex(g.label)} & ${groupN(table, i)} & ${cols
          .map((c) => `$${formatInterval(g.metrics[c.metric]?.[c.kind], "\\pm")}$`.replace("$–$", "--"))
          .join(" & ")} \\\\`,
    ),
    "\\hline",
    "\\end{tabular}",
  ];
  return `${lines.join("\n")}\n`;
}
