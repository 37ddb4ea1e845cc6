import "katex/dist/katex.min.css";
import { connection } from "next/server";
import { RolloutsBrowser } from "@/components/rollouts/rollouts-browser";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { listRollouts } from "@/lib/server/read/list-rollouts";
import { getRolloutFilterOptions } from "@/lib/server/read/rollout-filter-options";
import {
  parseRolloutFilters,
  PAGE_SIZE,
  serializeRolloutFilters,
} from "@/lib/domain/rollouts/rollout-filters";

type SearchParams = Record<string, string | string[] | undefined>;

async function load(id: string, token: string | undefined, search: SearchParams) {
  const parsed = parseRolloutFilters(search);
  if (!parsed.success)
    return { ok: false as const, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    const [options, page] = await Promise.all([
      getRolloutFilterOptions(scope, id, parsed.data.problem),
      listRollouts(scope, id, { ...parsed.data, limit: PAGE_SIZE }),
    ]);
    return { ok: true as const, filters: serializeRolloutFilters(parsed.data), options, page };
  });
}

export default async function RolloutsPage({
  params,
  searchParams,
}: {
  params: Promise<RunViewParams>;
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const { id, token } = await params;
  const { view } = await requireRunView(id, token);
  const data = await load(id, token, await searchParams);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">
        Rollouts
        {data.ok ? <span className="font-normal text-slate-500"> · {data.options.runName}</span> : null}
      </h1>
      {!data.ok ? (
        <div role="alert" className="rounded border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800">
          <p>These filters are not valid:</p>
          <ul className="list-disc pl-5">
            {data.error.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          <a className="underline" href={`${view.basePath}/rollouts`}>
            Show all rollouts
          </a>
        </div>
      ) : (
        <RolloutsBrowser
          runId={id}
          options={data.options}
          initialFilters={data.filters}
          initialPage={data.page}
        />
      )}
    </div>
  );
}
