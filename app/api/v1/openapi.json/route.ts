import { buildOpenApiDocument } from "@/lib/server/api-v1/openapi";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** The OpenAPI document of /api/v1, generated from the zod schemas its routes validate with. */
export const GET = defineRoute({ access: "public" }, async () => buildOpenApiDocument());
