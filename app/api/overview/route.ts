import { getOverview } from "@/lib/data/overview";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ access: "member" }, ({ scope }) => getOverview(scope));
