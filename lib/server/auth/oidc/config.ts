import "server-only";
/**
 * Single sign-on settings, read from the environment in this one place: ESPL_OIDC_ISSUER,
 * ESPL_OIDC_CLIENT_ID and ESPL_OIDC_CLIENT_SECRET together turn it on (ESPL_OIDC_NAME labels the
 * button). None of them set: off. Only some set, or one malformed: off as well, with the reason logged
 * once, so a half-done configuration never signs anyone in and is not silently ignored either.
 */
import { z } from "zod";

export const DEFAULT_OIDC_NAME = "single sign-on";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button: "Sign in with <name>". */
  name: string;
}

export type OidcSetting =
  { state: "off" } | { state: "on"; config: OidcConfig } | { state: "invalid"; problem: string };

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Plain http is accepted for a provider on this machine only (development, the e2e tests). */
export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && LOOPBACK_HOSTS.has(new URL(url).hostname);
}

const oidcEnvSchema = z.object({
  ESPL_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be the provider's issuer URL, e.g. https://login.example.org" })
    .refine((url) => url.startsWith("https://") || isLoopbackUrl(url), {
      error: "must use https:// (plain http only for a provider on 127.0.0.1 or localhost)",
    }),
  ESPL_OIDC_CLIENT_ID: z.string({ error: "is not set" }).min(1, "is not set"),
  ESPL_OIDC_CLIENT_SECRET: z.string({ error: "is not set" }).min(1, "is not set"),
  ESPL_OIDC_NAME: z.string().max(60, "must be at most 60 characters").default(DEFAULT_OIDC_NAME),
});

/** An empty or blank value counts as unset, as in .env.example. */
const valueOf = (raw: string | undefined) => (raw?.trim() ? raw.trim() : undefined);

export function parseOidcEnv(env: Record<string, string | undefined>): OidcSetting {
  const values = {
    ESPL_OIDC_ISSUER: valueOf(env.ESPL_OIDC_ISSUER),
    ESPL_OIDC_CLIENT_ID: valueOf(env.ESPL_OIDC_CLIENT_ID),
    ESPL_OIDC_CLIENT_SECRET: valueOf(env.ESPL_OIDC_CLIENT_SECRET),
    ESPL_OIDC_NAME: valueOf(env.ESPL_OIDC_NAME),
  };
  if (!values.ESPL_OIDC_ISSUER && !values.ESPL_OIDC_CLIENT_ID && !values.ESPL_OIDC_CLIENT_SECRET)
    return { state: "off" };
  const parsed = oidcEnvSchema.safeParse(values);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    return { state: "invalid", problem: `single sign-on is off: ${reasons.join("; ")}` };
  }
  const data = parsed.data;
  return {
    state: "on",
    config: {
      // As given: discovery and the ID token's `iss` are compared with it exactly.
      issuer: data.ESPL_OIDC_ISSUER,
      clientId: data.ESPL_OIDC_CLIENT_ID,
      clientSecret: data.ESPL_OIDC_CLIENT_SECRET,
      name: data.ESPL_OIDC_NAME,
    },
  };
}

let memo: OidcSetting | undefined;

/** The process's setting; a bad configuration is reported once, on the first read (startup or first page). */
export function readOidcConfig(): OidcConfig | null {
  if (!memo) {
    memo = parseOidcEnv(process.env);
    if (memo.state === "invalid") console.error(`[espl] ${memo.problem}`);
  }
  return memo.state === "on" ? memo.config : null;
}
