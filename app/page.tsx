import { connection } from "next/server";
import { LiveOverview } from "@/components/runs/live-overview";
import { requireMember } from "@/lib/server/auth/page-access";
import { getOverview } from "@/lib/server/read/overview";

export default async function HomePage() {
  await connection();
  const { scope } = await requireMember();
  const overview = await getOverview(scope);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-slate-600">
          {overview.projectCount} {overview.projectCount === 1 ? "project" : "projects"}
        </p>
      </section>
      <LiveOverview initial={overview} />
    </div>
  );
}
