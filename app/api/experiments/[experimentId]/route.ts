import type { z } from "zod";
import { experimentGroupQuerySchema } from "@/lib/domain/experiments/group-query";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { readExperimentGroups } from "@/lib/server/read/experiment-groups";

export const dynamic = "force-dynamic";

/** An experiment's results table and aggregate curves, grouped as asked: members of its project. */
export const GET = defineRoute<
  "member",
  typeof experimentGroupQuerySchema,
  z.ZodUndefined,
  { experimentId: string }
>({ access: "member", query: experimentGroupQuerySchema }, ({ query, params, scope }) =>
  readExperimentGroups(getPrisma(), scope, params.experimentId, query),
);
