import { getCurrentScope } from "@/lib/auth/current-scope";
import { getRunOverview } from "@/lib/data/run-overview";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute<never, never, { id: string }>({ access: "public" }, async ({ params }) =>
  getRunOverview(await getCurrentScope(), params.id),
);
