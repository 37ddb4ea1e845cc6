import "server-only";
/**
 * Sign-in on better-auth: email and password accounts, database sessions, projects as organizations with
 * owner/editor/viewer members and email invitations, single sign-on with any OpenID Connect provider, and
 * the sign-in rate limit, all kept in PostgreSQL through the Prisma adapter. Our tables keep their names;
 * better-auth's models are mapped onto them here (prisma/schema.prisma says which is which).
 *
 * Nothing of better-auth is served over HTTP except the single sign-on callback: the forms call it from
 * server actions (lib/server/auth/better-auth/call-auth.ts), which keeps one wrapper around every request.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { organization } from "better-auth/plugins/organization";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MIN_PASSWORD_LENGTH } from "@/lib/domain/accounts/schemas";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { readOidcConfig, type OidcConfig } from "@/lib/server/auth/oidc/config";
import { getPrisma } from "@/lib/server/db/client";
import { readAuthSecret } from "./auth-secret";
import { gateIdentity } from "./identity-gate";
import { projectAccessControl, projectRoles } from "./roles";
import { SESSION_TTL_SECONDS } from "./session-cookie";
import { placeNewAccount } from "./sign-up-rules";
import { auditSingleSignOn } from "./sso-audit";

export const OIDC_PROVIDER_ID = "oidc";
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Per client address: a burst of sign-ins (or sign-ups) from one place is refused for a while. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 10 };

/** The provider from the environment (ESPL_OIDC_*); none when single sign-on is off. */
function singleSignOn(config: OidcConfig | null) {
  return genericOAuth({
    config: !config
      ? []
      : [
          {
            providerId: OIDC_PROVIDER_ID,
            discoveryUrl: `${config.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            scopes: ["openid", "email", "profile"],
            pkce: true,
            // A display name only; an account without one is named after its address.
            mapProfileToUser: (profile) => ({
              name:
                (typeof profile.name === "string" && profile.name.trim().slice(0, 100)) ||
                String(profile.email ?? "").split("@")[0],
            }),
          },
        ],
  });
}

export function createAuth(prisma: PrismaClient, env: Record<string, string | undefined> = process.env) {
  const oidc = readOidcConfig();
  return betterAuth({
    appName: "E-SPL Studio",
    secret: readAuthSecret(env),
    // The host the browser used (behind a proxy, its forwarded host and scheme): the product is reached
    // as http://127.0.0.1 on a laptop and under a team's own name when deployed.
    baseURL: { allowedHosts: ["*"], fallback: "http://localhost:3000" },
    basePath: "/api/auth",
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    telemetry: { enabled: false },
    // Its warnings (a wrong password, an unknown email) are expected outcomes; the suites keep quiet.
    logger: { disabled: env.NODE_ENV === "test" },
    advanced: {
      cookiePrefix: "espl",
      // The cookie's Secure flag follows the request's scheme (set where cookies are copied out).
      useSecureCookies: false,
      trustedProxyHeaders: true,
      // generateId: our ids are uuid columns. joins: a session and its user in one query, on every request.
      database: { generateId: "uuid", joins: true },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 1000,
      autoSignIn: true,
      // Our scrypt format, so every password set before the move still verifies.
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(password, hash) },
    },
    session: {
      expiresIn: SESSION_TTL_SECONDS,
      // Coarse on purpose: a session's expiry moves at most once a day, not on every request.
      updateAge: 24 * 60 * 60,
    },
    account: {
      encryptOAuthTokens: true,
      accountLinking: {
        enabled: true,
        trustedProviders: [],
        // Linking needs the provider to have verified the email (identity-gate.ts). The local account's
        // address is vouched for by the owner who invited it; on an open install (ALLOW_SIGNUP=1) anyone
        // could have signed up with someone else's address first, so there it must be verified here too.
        requireLocalEmailVerified: env.ALLOW_SIGNUP === "1",
      },
    },
    user: {
      validateUserInfo: (data) => gateIdentity(prisma, data, env),
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      customRules: { "/sign-in/email": SIGN_IN_RATE_LIMIT, "/sign-up/email": SIGN_IN_RATE_LIMIT },
    },
    databaseHooks: {
      user: { create: { after: (user) => placeNewAccount(prisma, user, env) } },
      session: {
        create: {
          after: async (session, context) => {
            if (context?.path.startsWith("/callback/"))
              await auditSingleSignOn(prisma, session.userId, oidc?.issuer ?? "");
          },
        },
      },
    },
    plugins: [
      organization({
        ac: projectAccessControl,
        roles: projectRoles,
        creatorRole: "owner",
        // Projects are made by the sign-up rules, never by a request.
        allowUserToCreateOrganization: false,
        invitationExpiresIn: INVITATION_TTL_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
        schema: {
          session: { fields: { activeOrganizationId: "activeProjectId" } },
          organization: { modelName: "project" },
          member: { modelName: "membership", fields: { organizationId: "projectId" } },
          invitation: {
            modelName: "invitation",
            fields: { organizationId: "projectId", inviterId: "createdById" },
          },
        },
      }),
      singleSignOn(oidc),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as unknown as { esplAuth?: WeakMap<PrismaClient, Auth> };

/** One instance per Prisma client (per process, and per test database in the tests). */
export function authFor(prisma: PrismaClient): Auth {
  cache.esplAuth ??= new WeakMap();
  let auth = cache.esplAuth.get(prisma);
  if (!auth) cache.esplAuth.set(prisma, (auth = createAuth(prisma)));
  return auth;
}

export const getAuth = (): Auth => authFor(getPrisma());
