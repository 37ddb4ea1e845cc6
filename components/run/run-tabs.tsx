"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { runViewHref, useRunView } from "./run-view-context";

/**
 * The run page's sections. Each view of a run is its own route under /runs/[id]/… (and, for share
 * links, /s/[token]/runs/[id]/…), so a view is a shareable URL and loads only its own data. Add a view
 * by adding its entry here.
 */
const RUN_TABS: readonly { segment: string; label: string }[] = [
  { segment: "", label: "Overview" },
  { segment: "lineage", label: "Lineage" },
  { segment: "ratings", label: "Ratings" },
  { segment: "head-to-head", label: "Head-to-head" },
  { segment: "rollouts", label: "Rollouts" },
  { segment: "prompts", label: "Prompts" },
  { segment: "evolution", label: "Evolution" },
];

export function RunTabs({ runId }: { runId: string }) {
  const pathname = usePathname();
  const view = useRunView(runId);
  return (
    <nav
      aria-label="Run sections"
      className="mb-6 flex gap-1 border-b border-slate-200 text-sm dark:border-slate-700"
    >
      {RUN_TABS.map((tab) => {
        const href = runViewHref(view, tab.segment);
        const current = pathname === href;
        return (
          <Link
            key={tab.segment}
            href={href}
            aria-current={current ? "page" : undefined}
            className={
              current
                ? "-mb-px border-b-2 border-sky-600 px-3 py-2 font-medium text-sky-700 dark:text-sky-400"
                : "px-3 py-2 text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
