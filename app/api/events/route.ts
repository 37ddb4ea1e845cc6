import { z } from "zod";
import { authorize } from "@/lib/auth/access";
import { getPrisma } from "@/lib/db/client";
import { defineRoute, readCredentials } from "@/lib/http/route";
import { streamRunChanges } from "@/lib/live/run-change-stream";

export const dynamic = "force-dynamic";

const query = z.object({
  /** Comma-separated run ids; all runs in the caller's scope when absent. */
  runs: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : null))
    .pipe(z.array(z.uuid()).max(100).nullable()),
});

const ACCESS = "share-or-member";

export const GET = defineRoute({ access: ACCESS, query }, async ({ request, query, scope }) =>
  streamRunChanges(request.signal, query.runs, scope, {
    // An open stream is re-authorized as it goes: signing out or revoking the link ends it.
    rescope: () =>
      authorize(getPrisma(), ACCESS, readCredentials(request), () => undefined).then(
        (grant) => grant.scope,
        () => null,
      ),
  }),
);
