import type { z } from "zod";
import { readGroup } from "@/lib/server/api-v1/api-groups";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One group and its runs: members of its project (others: 404, as for an unknown id). */
export const GET = defineRoute<"member", z.ZodUndefined, z.ZodUndefined, { groupId: string }>(
  { access: "member" },
  ({ params, scope }) => readGroup(getPrisma(), scope, params.groupId),
);
