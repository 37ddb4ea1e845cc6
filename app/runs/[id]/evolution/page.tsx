import { connection } from "next/server";
import { EventChainView } from "@/components/evolution/event-chain-view";
import { EventListPanel } from "@/components/evolution/event-list";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { getEventChain } from "@/lib/server/read/evolution/event-chain";
import { listEvolutionEvents } from "@/lib/server/read/evolution/list-events";
import { evolutionViewQuerySchema, firstValues } from "@/lib/domain/prompts/query";

export default async function EvolutionPage({
  params,
  searchParams,
}: {
  params: Promise<RunViewParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id, token } = await params;
  const query = evolutionViewQuerySchema.parse(firstValues(await searchParams));
  const { scope, view } = await requireRunView(id, token);
  const list = await orNotFound(() => listEvolutionEvents(scope, id, query));
  const ref =
    query.event !== undefined
      ? { event: query.event }
      : query.child !== undefined
        ? { child: query.child }
        : list.items[0]
          ? { event: list.items[0].id }
          : null;
  const chain = ref ? await orNotFound(() => getEventChain(scope, id, ref)) : null;
  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <EventListPanel viewBase={view.basePath} list={list} query={query} selected={chain?.event.id ?? null} />
      <div className="min-w-0">
        {chain ? (
          <EventChainView runId={id} viewBase={view.basePath} chain={chain} />
        ) : (
          <p className="text-sm text-slate-500">No evolution events.</p>
        )}
      </div>
    </div>
  );
}
