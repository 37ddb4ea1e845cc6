import "server-only";
/**
 * Access for the run's view pages, which serve two URL trees with one set of pages:
 * /runs/[id]/… for members and /s/[token]/runs/[id]/… for share-link holders (the share pages re-export
 * the member pages, so `token` is present only there). Either way the run must be inside the scope;
 * otherwise, or for a dead link, the page is a 404.
 */
import { notFound } from "next/navigation";
import { cache } from "react";
import type { RunView } from "@/lib/domain/run-view";
import { requireMember, requireSharePage } from "./page-access";
import type { ReadScope } from "./scope";

export interface RunViewParams {
  id: string;
  token?: string;
}

/** Once per request: the layout and the page of a view both ask. */
export const requireRunView = cache(resolveRunView);

async function resolveRunView(id: string, token?: string): Promise<{ scope: ReadScope; view: RunView }> {
  if (token === undefined) {
    const { scope } = await requireMember();
    return { scope, view: { runId: id, basePath: `/runs/${id}`, shareToken: null, readOnly: false } };
  }
  const { scope } = await requireSharePage(token);
  if (scope.runIds && !scope.runIds.includes(id)) notFound();
  return {
    scope,
    view: { runId: id, basePath: `/s/${token}/runs/${id}`, shareToken: token, readOnly: true },
  };
}
