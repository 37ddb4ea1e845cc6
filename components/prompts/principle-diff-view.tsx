import Link from "next/link";
import type { ProgramDiff } from "@/lib/server/read/prompts/program-diff";
import type { DiffRow } from "@/lib/view/prompts/principle-diff";
import { promptsHref } from "@/lib/domain/prompts/urls";
import { WordParts } from "./word-parts";

const KIND_STYLE: Record<DiffRow["kind"], string> = {
  unchanged: "border-slate-200",
  modified: "border-amber-300 bg-amber-50/50",
  merged: "border-violet-300 bg-violet-50/50",
  added: "border-emerald-300 bg-emerald-50/50",
  removed: "border-rose-300 bg-rose-50/50",
};

function Id({ id }: { id: string }) {
  return <span className="mr-2 font-mono text-xs text-slate-500">{id}</span>;
}

function RowBody({ row }: { row: DiffRow }) {
  switch (row.kind) {
    case "unchanged":
      return (
        <p>
          <Id id={`${row.a.id}→${row.b.id}`} />
          {row.b.text}
        </p>
      );
    case "modified":
      return (
        <div className="grid gap-2 md:grid-cols-2">
          <p data-testid="diff-before">
            <Id id={row.a.id} />
            <WordParts parts={row.words} side="before" />
          </p>
          <p data-testid="diff-after">
            <Id id={row.b.id} />
            <WordParts parts={row.words} side="after" />
          </p>
        </div>
      );
    case "merged":
      return (
        <div className="grid gap-2 md:grid-cols-2">
          <ul className="space-y-1">
            {row.from.map((p) => (
              <li key={p.id}>
                <Id id={p.id} />
                {p.text}
              </li>
            ))}
          </ul>
          <p>
            <Id id={row.b.id} />
            <WordParts parts={row.words} side="after" />
          </p>
        </div>
      );
    case "added":
      return (
        <p>
          <Id id={row.b.id} />
          {row.b.text}
        </p>
      );
    case "removed":
      return (
        <p className="text-slate-600 line-through">
          <Id id={row.a.id} />
          {row.a.text}
        </p>
      );
  }
}

export function PrincipleDiffView({ viewBase, diff }: { viewBase: string; diff: ProgramDiff }) {
  const { counts } = diff.diff;
  return (
    <section aria-label="Principle diff" className="space-y-3">
      <h2 className="text-lg font-medium">
        Program{" "}
        <Link
          className="text-sky-700 hover:underline"
          href={promptsHref(viewBase, { program: diff.a.programId })}
        >
          #{diff.a.programId}
        </Link>{" "}
        →{" "}
        <Link
          className="text-sky-700 hover:underline"
          href={promptsHref(viewBase, { program: diff.b.programId })}
        >
          #{diff.b.programId}
        </Link>
      </h2>
      <p className="text-sm text-slate-600" data-testid="diff-summary">
        {counts.added} added · {counts.removed} removed · {counts.modified} modified · {counts.merged} merged
        · {counts.unchanged} unchanged ·{" "}
        {diff.alignedBy === "provenance"
          ? `aligned by provenance through #${diff.commonAncestor}`
          : diff.commonAncestor === null
            ? "no common ancestor: aligned by text similarity"
            : `aligned through #${diff.commonAncestor}, some generations by text similarity`}
      </p>
      {diff.diff.rows.length === 0 ? (
        <p className="text-sm text-slate-500">Both programs have no principles.</p>
      ) : null}
      <ol className="space-y-2 text-sm">
        {diff.diff.rows.map((row, i) => (
          <li
            key={i}
            data-testid={`diff-row-${row.kind}`}
            className={`rounded border-l-4 p-2 ${KIND_STYLE[row.kind]}`}
          >
            <span className="mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500">
              {row.kind}
            </span>
            <RowBody row={row} />
          </li>
        ))}
      </ol>
    </section>
  );
}
