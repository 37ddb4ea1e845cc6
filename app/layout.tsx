import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { THEME_SCRIPT } from "@/lib/client/theme/theme-script";
import { AccountMenu, MainNav } from "./account-menu";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "E-SPL Studio", template: "%s · E-SPL Studio" },
  description: "Launch, watch, inspect, compare and share runs of Evolutionary System Prompt Learning.",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets the html element's class before hydration, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
            <Link href="/" className="font-semibold tracking-tight">
              E-SPL Studio
            </Link>
            {/* Members only: a share link's viewer sees what is shared, nothing to navigate to. */}
            <Suspense>
              <MainNav />
            </Suspense>
            <div className="ml-auto flex items-center gap-4">
              <ThemeToggle />
              <Suspense>
                <AccountMenu />
              </Suspense>
            </div>
          </div>
        </header>
        <Providers>
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
