import { backendListQuerySchema, listApiBackends } from "@/lib/server/api-v1/api-backends";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** The model backends of the credential's projects (never a key): any member. */
export const GET = defineRoute({ access: "member", query: backendListQuerySchema }, ({ query, scope }) =>
  listApiBackends(getPrisma(), scope, query),
);
