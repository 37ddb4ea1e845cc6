import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/server/health";
import { defineRoute } from "@/lib/server/http/route";

/** Readiness of the web process for load balancers and orchestrators (docs/deploy.md): 200 or 503. */
export const GET = defineRoute({ access: "public" }, async () => {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, { status: readiness.ready ? 200 : 503 });
});
