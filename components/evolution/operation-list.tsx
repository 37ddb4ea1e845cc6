/** Parsed LLM operations, rendered as text (their content is untrusted model output). */
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function OperationList({
  operations,
  outcomes,
}: {
  operations: unknown;
  outcomes?: { index: number; status: string; error?: string }[];
}) {
  if (!Array.isArray(operations))
    return operations === null || operations === undefined ? null : (
      <pre className="whitespace-pre-wrap break-words text-xs">{JSON.stringify(operations, null, 2)}</pre>
    );
  if (operations.length === 0) return <p className="text-xs text-slate-500">No operations.</p>;
  return (
    <ol className="space-y-1 text-xs" data-testid="operation-list">
      {operations.map((op, i) => {
        const outcome = outcomes?.find((o) => o.index === i);
        if (!isObject(op))
          return (
            <li key={i} className="font-mono">
              {show(op)}
            </li>
          );
        const target = op.modified_from ?? op.remove_id ?? op.merged_from;
        return (
          <li key={i} className="rounded bg-slate-50 p-1.5">
            <span className="font-medium">{show(op.operation ?? "?")}</span>
            {target !== undefined ? (
              <span className="ml-1 font-mono text-slate-500">{show(target)}</span>
            ) : null}
            {outcome ? (
              <span className={`ml-2 ${outcome.status === "failed" ? "text-rose-700" : "text-slate-500"}`}>
                [{outcome.status}
                {outcome.error ? `: ${outcome.error}` : ""}]
              </span>
            ) : null}
            {op.principle !== undefined ? <span className="block">{show(op.principle)}</span> : null}
            {typeof op.evidence === "string" ? (
              <span className="block italic text-slate-600">Evidence: {op.evidence}</span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
