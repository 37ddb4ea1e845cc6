import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EventStatus, EvolutionKind } from "@/lib/generated/prisma/enums";

export interface EventMarker {
  step: number;
  kind: EvolutionKind;
  status: EventStatus;
  childId: number | null;
  error: string | null;
}

/**
 * Evolution events of steps in (sinceStep, maxStep] as the overview draws them: every failure (the
 * Warnings list names each), and successful events thinned like the series, one per bucket of `width`
 * steps and kind, at its last step; a chart a few hundred pixels wide cannot show more marker lines, and a
 * 2,500-step run would otherwise send 2,500 of them. Width 1 keeps one per step and kind, as the
 * chart's markers are anyway. Served by the (run_id, step) index.
 */
export async function queryEventMarkers(
  prisma: PrismaClient,
  runId: string,
  width: number,
  maxStep: number,
  sinceStep: number | null,
): Promise<EventMarker[]> {
  const after = sinceStep ?? -1;
  return prisma.$queryRaw<EventMarker[]>`
    SELECT step, kind, status, "childId", error FROM (
      SELECT e.step, e.kind::text AS kind, e.status::text AS status, e.child_id AS "childId", e.error, e.id
      FROM evolution_events e
      WHERE e.run_id = ${runId}::uuid AND e.step > ${after}::int AND e.step <= ${maxStep}::int
        AND e.status = 'failed'
      UNION ALL
      SELECT max(e.step), e.kind::text, 'ok', (array_agg(e.child_id ORDER BY e.step DESC, e.id DESC))[1], NULL,
        max(e.id)
      FROM evolution_events e
      WHERE e.run_id = ${runId}::uuid AND e.step > ${after}::int AND e.step <= ${maxStep}::int
        AND e.status = 'ok'
      GROUP BY e.step / ${width}::int, e.kind
    ) m
    ORDER BY step, id`;
}
