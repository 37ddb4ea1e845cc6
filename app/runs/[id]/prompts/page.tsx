import { connection } from "next/server";
import { PrincipleDiffView } from "@/components/prompts/principle-diff-view";
import { ProgramDetailView } from "@/components/prompts/program-detail-view";
import { ProgramListPanel } from "@/components/prompts/program-list";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { listPrograms } from "@/lib/server/read/prompts/list-programs";
import { getProgramDetail } from "@/lib/server/read/prompts/program-detail";
import { getProgramDiff } from "@/lib/server/read/prompts/program-diff";
import { firstValues, promptsViewQuerySchema } from "@/lib/domain/prompts/query";

export default async function PromptsPage({
  params,
  searchParams,
}: {
  params: Promise<RunViewParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id, token } = await params;
  const query = promptsViewQuerySchema.parse(firstValues(await searchParams));
  const { scope, view } = await requireRunView(id, token);
  const list = await orNotFound(() => listPrograms(scope, id, query));
  const diff =
    query.a !== undefined && query.b !== undefined
      ? await orNotFound(() => getProgramDiff(scope, id, query.a!, query.b!))
      : null;
  const selected = query.program ?? (diff ? undefined : list.items[0]?.programId);
  const detail =
    !diff && selected !== undefined
      ? await orNotFound(() => getProgramDetail(scope, id, selected, query.principle))
      : null;
  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <ProgramListPanel viewBase={view.basePath} list={list} q={query.q} selected={selected} />
      <div className="min-w-0">
        {diff ? <PrincipleDiffView viewBase={view.basePath} diff={diff} /> : null}
        {detail ? <ProgramDetailView viewBase={view.basePath} detail={detail} /> : null}
        {!diff && !detail ? <p className="text-sm text-slate-500">No programs match.</p> : null}
      </div>
    </div>
  );
}
