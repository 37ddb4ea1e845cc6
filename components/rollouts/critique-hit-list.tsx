"use client";
/**
 * The critique search's hits (the rollouts browser with "search in: critiques"): each reflection
 * critique whose reply matches, best match first, with where it matches highlighted (as text, never
 * markup) and links to its evolution event and to the rollouts it critiqued.
 */
import Link from "next/link";
import type { CritiqueHit } from "@/lib/server/read/search-critiques";
import { evolutionHref, rolloutsHref } from "@/lib/domain/prompts/urls";
import { useRunView } from "@/lib/client/run-view-context";
import { HighlightedText } from "./highlighted-text";
import { LoadMoreButton } from "./load-more-button";

// Underlined: colour alone does not mark a link (WCAG 1.4.1).
const link = "text-sky-700 underline hover:no-underline";

function CritiqueRow({ hit, base }: { hit: CritiqueHit; base: string }) {
  const parent = hit.parentProgramIds[0];
  return (
    <li
      className="space-y-1 border-b border-slate-100 px-3 py-2 text-xs"
      data-testid="critique-hit"
      data-call-id={hit.callId}
    >
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-mono text-slate-600">
          step {hit.step} · {hit.kind}
          {parent !== undefined ? ` of #${hit.parentProgramIds.join(", #")}` : ""}
          {hit.childProgramId !== null ? ` → #${hit.childProgramId}` : ""} · call {hit.ordinal}
        </span>
        <Link
          className={link}
          href={evolutionHref(base, { event: hit.eventId })}
          data-testid="critique-event-link"
        >
          evolution event
        </Link>
        {parent !== undefined && (
          <Link
            className={link}
            href={rolloutsHref(base, hit.step, parent)}
            data-testid="critique-rollouts-link"
          >
            rollouts critiqued
          </Link>
        )}
      </p>
      <p className="text-slate-700" data-testid="critique-snippet">
        <HighlightedText parts={hit.snippet} />
      </p>
    </li>
  );
}

export function CritiqueHitList({
  runId,
  hits,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  runId: string;
  hits: CritiqueHit[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const { basePath } = useRunView(runId);
  return (
    <div className="h-[70vh] overflow-auto rounded-lg border border-slate-200" data-testid="critique-list">
      {hits.length === 0 && !hasNextPage ? (
        <p className="p-4 text-sm text-slate-600" data-testid="critique-list-empty">
          No critique matches. Try other words, or search the completions instead.
        </p>
      ) : (
        <ul>
          {hits.map((hit) => (
            <CritiqueRow key={hit.callId} hit={hit} base={basePath} />
          ))}
        </ul>
      )}
      <LoadMoreButton
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={fetchNextPage}
      />
    </div>
  );
}
