import { oidcCallbackQuerySchema } from "@/lib/domain/auth/sso";
import { finishOidcSignIn } from "@/lib/server/auth/oidc/sign-in-routes";
import { defineRoute } from "@/lib/server/http/route";

/**
 * Single sign-on, step 2: the provider's redirect back (the redirect URI to register with it); better-auth
 * signs the browser in, or the sign-in page explains why not.
 */
export const GET = defineRoute({ access: "public", query: oidcCallbackQuerySchema }, ({ request }) =>
  finishOidcSignIn(request),
);
