import { oidcStartQuerySchema } from "@/lib/domain/auth/sso";
import { startOidcSignIn } from "@/lib/server/auth/oidc/sign-in-routes";
import { defineRoute } from "@/lib/server/http/route";

/** Single sign-on, step 1: sends the browser to the identity provider (public: it is how one signs in). */
export const GET = defineRoute({ access: "public", query: oidcStartQuerySchema }, ({ request, query }) =>
  startOidcSignIn(request, query.next),
);
