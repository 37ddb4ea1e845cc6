import type { RunStatus } from "@/lib/generated/prisma/enums";

const ORDER: RunStatus[] = ["running", "queued", "paused", "completed", "failed", "cancelled"];

export function StatusCounts({ counts }: { counts: Partial<Record<RunStatus, number>> }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {ORDER.map((status) => (
        <div key={status} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{status}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid={`count-${status}`}>
            {counts[status] ?? 0}
          </dd>
        </div>
      ))}
    </dl>
  );
}
