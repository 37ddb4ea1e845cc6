import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";
import { defineRoute } from "@/lib/http/route";

export const GET = defineRoute({ access: "public" }, async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
});
