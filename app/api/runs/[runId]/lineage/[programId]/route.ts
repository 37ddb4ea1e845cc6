import type { z } from "zod";
import { getLineageNode } from "@/lib/server/read/lineage-node";
import { defineRoute, parseWith } from "@/lib/server/http/route";
import { programIdParam } from "@/lib/view/lineage/types";

export const dynamic = "force-dynamic";

/** One program's detail for the lineage side panel (principles, rating history, parents, children, event). */
export const GET = defineRoute<
  "share-or-member",
  z.ZodUndefined,
  z.ZodUndefined,
  { runId: string; programId: string }
>({ access: "share-or-member" }, ({ params, scope }) =>
  getLineageNode(scope, params.runId, parseWith(programIdParam, params.programId, "program id")),
);
