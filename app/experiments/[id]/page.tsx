import { connection } from "next/server";
import { LiveExperiment } from "@/components/experiments/live-experiment";
import { experimentGroupQuerySchema } from "@/lib/domain/experiments/group-query";
import { requireMember, orNotFound } from "@/lib/server/auth/page-access";
import { getPrisma } from "@/lib/server/db/client";
import { readExperimentGroups } from "@/lib/server/read/experiment-groups";

export default async function ExperimentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id } = await params;
  const search = await searchParams;
  const parsed = experimentGroupQuerySchema.safeParse({ by: search.by, keys: search.keys, lines: "1" });
  if (!parsed.success)
    return (
      <p role="alert" className="text-red-700">
        Invalid link: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      </p>
    );
  const { scope } = await requireMember();
  const groups = await orNotFound(() => readExperimentGroups(getPrisma(), scope, id, parsed.data));
  // The same read through its route, as the page's live copy refetches it.
  const queryString = `?${new URLSearchParams({
    by: parsed.data.by,
    ...(parsed.data.keys ? { keys: parsed.data.keys.join(",") } : {}),
    lines: "1",
  })}`;
  return <LiveExperiment initial={groups} queryString={queryString} />;
}
