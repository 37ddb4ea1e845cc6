import "server-only";
/**
 * The OpenID Connect relying party, on openid-client: the authorization code flow with PKCE, state and
 * nonce. The provider's metadata is discovered on the first sign-in, not at startup (the provider may
 * start later, or be down for a while), and kept for the process; a failed discovery is retried next time.
 */
import * as client from "openid-client";
import { oidcClaimsSchema, type OidcClaims } from "@/lib/domain/auth/sso";
import { isLoopbackUrl, type OidcConfig } from "./config";
import type { OidcFlow } from "./flow-cookie";

const SCOPE = "openid email profile";
const REQUEST_TIMEOUT_S = 10;

/** Why a sign-in with the provider failed, in the terms the sign-in page explains. */
export class OidcFlowError extends Error {
  constructor(
    readonly code: "denied" | "expired" | "unavailable" | "failed",
    detail: string,
  ) {
    super(detail);
  }
}

let cached: { key: string; configuration: Promise<client.Configuration> } | undefined;

function discover(config: OidcConfig): Promise<client.Configuration> {
  const key = `${config.issuer}\n${config.clientId}\n${config.clientSecret}`;
  if (cached?.key !== key) {
    const configuration = client.discovery(
      new URL(config.issuer),
      config.clientId,
      undefined,
      // The spec's default for a registered client (client_secret_post is openid-client's).
      client.ClientSecretBasic(config.clientSecret),
      {
        execute: isLoopbackUrl(config.issuer) ? [client.allowInsecureRequests] : [],
        timeout: REQUEST_TIMEOUT_S,
      },
    );
    const entry = { key, configuration };
    configuration.catch(() => {
      if (cached === entry) cached = undefined;
    });
    cached = entry;
  }
  return cached.configuration;
}

async function discoverOrFail(config: OidcConfig): Promise<client.Configuration> {
  try {
    return await discover(config);
  } catch (error) {
    throw new OidcFlowError("unavailable", `discovery of ${config.issuer} failed: ${String(error)}`);
  }
}

/** The provider's authorization URL to send the browser to, and what the callback must check. */
export async function beginSignIn(
  config: OidcConfig,
  redirectUri: string,
  next: string,
): Promise<{ url: URL; flow: OidcFlow }> {
  const configuration = await discoverOrFail(config);
  const flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next,
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { url, flow };
}

const isNetworkFailure = (error: unknown) =>
  error instanceof TypeError ||
  (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));

/**
 * Redeems the provider's redirect back (`callbackUrl`, as the browser requested it): the state must be
 * the one this browser was given, the code is exchanged with the PKCE verifier, and the ID token's
 * signature, issuer, audience, expiry and nonce are verified. The email claims come from the userinfo
 * endpoint when the ID token lacks them (providers put scope claims there by default).
 */
export async function finishSignIn(
  config: OidcConfig,
  callbackUrl: URL,
  flow: OidcFlow,
): Promise<OidcClaims> {
  const params = callbackUrl.searchParams;
  if (params.get("state") !== flow.state) throw new OidcFlowError("expired", "state does not match");
  if (params.has("error")) throw new OidcFlowError("denied", `provider answered ${params.get("error")}`);
  const configuration = await discoverOrFail(config);
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    let claims: Record<string, unknown> = { ...tokens.claims() };
    if (claims.email === undefined || claims.email_verified === undefined)
      claims = {
        ...(await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))),
        ...claims,
        iss: claims.iss,
      };
    const parsed = oidcClaimsSchema.safeParse(claims);
    if (!parsed.success) throw new OidcFlowError("failed", "the provider's claims are malformed");
    return parsed.data;
  } catch (error) {
    if (error instanceof OidcFlowError) throw error;
    if (isNetworkFailure(error))
      throw new OidcFlowError("unavailable", `token request failed: ${String(error)}`);
    throw new OidcFlowError("failed", `code exchange or ID token check failed: ${String(error)}`);
  }
}
