import { getOverview } from "@/lib/server/read/overview";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ access: "member" }, ({ scope }) => getOverview(scope));
