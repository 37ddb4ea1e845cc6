import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "E-SPL Studio", template: "%s · E-SPL Studio" },
  description: "Launch, watch, inspect, compare and share runs of Evolutionary System Prompt Learning.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
            <Link href="/" className="font-semibold tracking-tight">
              E-SPL Studio
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              <Link href="/runs">Runs</Link>
              <Link href="/runs/new">Launch</Link>
              <Link href="/datasets">Datasets</Link>
            </nav>
            <Suspense>
              <AccountMenu />
            </Suspense>
          </div>
        </header>
        <Providers>
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
