import { z } from "zod";
import { getLlmCallText } from "@/lib/server/read/evolution/llm-call-text";
import { notFound } from "@/lib/domain/errors";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const callIdSchema = z.string().regex(/^\d{1,18}$/);

/** One reflection call's prompt and reply, loaded when the reflection chain opens it: members, or the run's share link. */
export const GET = defineRoute<
  "share-or-member",
  z.ZodUndefined,
  z.ZodUndefined,
  { runId: string; callId: string }
>({ access: "share-or-member" }, async ({ params, scope }) => {
  const id = callIdSchema.safeParse(params.callId);
  if (!id.success) throw notFound("LLM call");
  return getLlmCallText(scope, params.runId, BigInt(id.data));
});
