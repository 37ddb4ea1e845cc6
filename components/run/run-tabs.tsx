"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { runViewHref, useRunView } from "@/lib/client/run-view-context";

/**
 * The run page's sections. Each view of a run is its own route under /runs/[id]/… (and, for share
 * links, /s/[token]/runs/[id]/…), so a view is a shareable URL and loads only its own data. Add a view
 * by adding its entry here.
 */
const RUN_TABS: readonly { segment: string; label: string; evolution?: true; membersOnly?: true }[] = [
  { segment: "", label: "Overview" },
  { segment: "lineage", label: "Lineage", evolution: true },
  { segment: "ratings", label: "Ratings" },
  { segment: "head-to-head", label: "Head-to-head" },
  { segment: "rollouts", label: "Rollouts" },
  { segment: "prompts", label: "Prompts", evolution: true },
  { segment: "evolution", label: "Evolution", evolution: true },
  // Evaluations launch jobs and spend backend time: a member's view, not part of what a share link shows.
  { segment: "evaluations", label: "Evaluations", membersOnly: true },
];

/**
 * `evolves` false (an RL-only run: train_mode "rl") hides the views of evolution, which would be empty
 * for a run whose one system prompt never changes, and says why in one line instead.
 */
export function RunTabs({ runId, evolves = true }: { runId: string; evolves?: boolean }) {
  const pathname = usePathname();
  const view = useRunView(runId);
  const tabs = RUN_TABS.filter(
    (tab) => (evolves || !tab.evolution) && (view.shareToken === null || !tab.membersOnly),
  );
  return (
    <nav aria-label="Run sections" className="mb-6 flex items-center gap-1 border-b border-slate-200 text-sm">
      {tabs.map((tab) => {
        const href = runViewHref(view, tab.segment);
        const current = pathname === href;
        return (
          <Link
            key={tab.segment}
            href={href}
            aria-current={current ? "page" : undefined}
            className={
              current
                ? "-mb-px border-b-2 border-sky-600 px-3 py-2 font-medium text-sky-700"
                : "px-3 py-2 text-slate-600 hover:text-slate-900"
            }
          >
            {tab.label}
          </Link>
        );
      })}
      {evolves ? null : (
        <span className="ml-auto px-3 py-2 text-xs text-slate-500" data-testid="no-evolution-note">
          RL-only run: its system prompt never evolves, so there is no lineage, prompt history or evolution to
          show.
        </span>
      )}
    </nav>
  );
}
