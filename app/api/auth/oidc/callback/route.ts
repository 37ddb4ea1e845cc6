import { oidcCallbackQuerySchema } from "@/lib/domain/auth/sso";
import { finishOidcSignIn } from "@/lib/server/auth/oidc/sign-in-routes";
import { defineRoute } from "@/lib/server/http/route";

/** Single sign-on, step 2: the provider's redirect back; signs the browser in or explains on /sign-in. */
export const GET = defineRoute({ access: "public", query: oidcCallbackQuerySchema }, ({ request }) =>
  finishOidcSignIn(request),
);
