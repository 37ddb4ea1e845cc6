import type { ReactNode } from "react";
import { RunTabs } from "@/components/run/run-tabs";

export default async function RunLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  return (
    <>
      <RunTabs runId={id} />
      {children}
    </>
  );
}
