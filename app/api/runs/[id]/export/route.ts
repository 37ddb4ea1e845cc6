import { z } from "zod";
import { getCurrentScope } from "@/lib/auth/current-scope";
import { openRunDownload } from "@/lib/data/run-download";
import { EXPORT_FORMATS } from "@/lib/export/export-formats";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

export const GET = defineRoute<typeof querySchema, z.ZodUndefined, { id: string }>(
  { access: "public", query: querySchema },
  async ({ query, params }) => openRunDownload(await getCurrentScope(), params.id, query.format),
);
