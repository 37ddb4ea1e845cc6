import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/server/http/route";

/**
 * Liveness of the web process for orchestrators (docs/deploy.md): 200 whenever it answers at all. It asks
 * the database nothing on purpose: a database outage must take the process out of rotation (readiness,
 * /api/health/ready), not get every web process restarted over and over.
 */
export const GET = defineRoute({ access: "public" }, async () =>
  NextResponse.json({ alive: true, time: new Date().toISOString() }),
);
