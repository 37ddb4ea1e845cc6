import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Who the credential is: the CLI reads the token's project here before launching in it. */
export const GET = defineRoute({ access: "member" }, async ({ caller }) => ({
  user: caller.user,
  projects: caller.memberships,
  token: caller.token ?? null,
}));
