import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/health";
import { defineRoute } from "@/lib/server/http/route";

export const GET = defineRoute({ access: "public" }, async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
});
