"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { NotFoundPanel } from "./not-found-panel";

/**
 * A run view's 404. A not-found page gets no params, so what was missing is read from the address: a
 * program or event the query names (the run exists, the page loaded its list) or else the run itself.
 */
export function RunNotFound() {
  const pathname = usePathname();
  const search = useSearchParams();
  const match = /^(?<base>(?:\/s\/[^/]+)?\/runs\/(?<id>[^/]+))(?:\/(?<view>[^/?]+))?/.exec(pathname ?? "");
  const base = match?.groups?.base ?? "/runs";
  const id = decodeURIComponent(match?.groups?.id ?? "");
  const view = match?.groups?.view;
  const shared = base.startsWith("/s/");
  const viewHref = view ? `${base}/${view}` : base;
  const compared = [search.get("a"), search.get("b")].filter((p) => p !== null);
  const program = search.get("program");
  const event = search.get("event");
  if (view === "prompts" && (program !== null || compared.length > 0)) {
    const which = program !== null ? [program] : compared;
    return (
      <NotFoundPanel
        title={which.length === 1 ? `Program #${which[0]} not found` : "Program not found"}
        back={{ href: viewHref, label: "All programs of this run" }}
      >
        {which.length === 1
          ? `This run has no program #${which[0]}.`
          : `Program #${which[0]} or #${which[1]} is not in this run.`}
      </NotFoundPanel>
    );
  }
  if (view === "evolution" && event) {
    return (
      <NotFoundPanel
        title={`Event #${event} not found`}
        back={{ href: viewHref, label: "All evolution events" }}
      >
        This run has no evolution event #{event}.
      </NotFoundPanel>
    );
  }
  return (
    <NotFoundPanel
      title="Run not found"
      back={
        shared
          ? { href: base.replace(/\/runs\/[^/]+$/, ""), label: "What this link shares" }
          : { href: "/runs", label: "All runs" }
      }
    >
      <p>
        There is no run <code className="break-all font-mono text-xs">{id}</code>
        {shared
          ? " in what this link shares."
          : " in your projects: it may have been deleted, or the address is mistyped."}
      </p>
    </NotFoundPanel>
  );
}
