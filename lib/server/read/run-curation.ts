/**
 * What the run page's curation shows its members: name, tags, markdown notes and its group. Share links
 * never get it (notes are the team's), so it is read apart from the overview they share.
 */
import "server-only";
import { notFound } from "@/lib/domain/errors";
import type { ReadScope } from "@/lib/server/auth/scope";
import { scopedRunWhere } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";

export interface RunCuration {
  name: string;
  tags: string[];
  notes: string | null;
  experiment: { id: string; name: string } | null;
}

export async function readRunCuration(scope: ReadScope, runId: string): Promise<RunCuration> {
  const run = await getPrisma().run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { name: true, tags: true, notes: true, experiment: { select: { id: true, name: true } } },
  });
  if (!run) throw notFound("run");
  return run;
}
