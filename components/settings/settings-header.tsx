/** The heading of a project's settings pages, with links to the other settings pages this member may open. */
import Link from "next/link";
import type { ReactNode } from "react";

const PAGES = [
  { page: "members", label: "Members", ownerOnly: false },
  { page: "sharing", label: "Share links", ownerOnly: true },
  { page: "backends", label: "Model backends", ownerOnly: false },
  { page: "tokens", label: "API tokens", ownerOnly: false },
] as const;

export function SettingsHeader({
  projectName,
  slug,
  current,
  isOwner,
  children,
}: {
  projectName: string;
  slug: string;
  current: (typeof PAGES)[number]["page"];
  isOwner: boolean;
  /** What the page says under its heading. */
  children?: ReactNode;
}) {
  const title = PAGES.find((p) => p.page === current)!.label;
  return (
    <header className="space-y-1">
      <h1 className="text-2xl font-semibold tracking-tight">
        {projectName}: {title}
      </h1>
      <nav className="flex gap-4 text-sm">
        {PAGES.filter((p) => p.page !== current && (isOwner || !p.ownerOnly)).map((p) => (
          <Link key={p.page} href={`/projects/${slug}/settings/${p.page}`} className="underline">
            {p.label}
          </Link>
        ))}
      </nav>
      {children}
    </header>
  );
}
