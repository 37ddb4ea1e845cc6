import { z } from "zod";
import { authorize } from "@/lib/server/auth/access";
import { assertScopedRuns } from "@/lib/server/read/scoped-run";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute, readCredentials } from "@/lib/server/http/route";
import { streamRunChanges } from "@/lib/server/live/run-change-stream";

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

export const GET = defineRoute({ access: ACCESS, query }, async ({ request, query, scope }) => {
  // Naming a run outside the scope is a 404 up front, not an open stream that stays silent.
  if (query.runs) await assertScopedRuns(scope, query.runs);
  return streamRunChanges(request.signal, query.runs, scope, {
    // An open stream is re-authorized as it goes: signing out or revoking the link ends it.
    rescope: () =>
      authorize(getPrisma(), ACCESS, readCredentials(request), () => undefined).then(
        (grant) => grant.scope,
        () => null,
      ),
  });
});
