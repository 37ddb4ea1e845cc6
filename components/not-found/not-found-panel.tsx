import Link from "next/link";
import type { ReactNode } from "react";

/** A 404 page's body: what was missing, in plain words, and the way back. */
export function NotFoundPanel({
  title,
  children,
  back,
}: {
  title: string;
  children: ReactNode;
  back: { href: string; label: string };
}) {
  return (
    <section className="mx-auto max-w-xl space-y-3 py-8" data-testid="not-found">
      <p className="text-sm font-medium text-slate-500">404 · not found</p>
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="text-sm text-slate-600">{children}</div>
      <Link
        href={back.href}
        className="inline-block rounded border border-slate-300 px-3 py-1 text-sm text-sky-700 hover:bg-slate-50"
      >
        ← {back.label}
      </Link>
    </section>
  );
}
