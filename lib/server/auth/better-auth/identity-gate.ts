import "server-only";
/**
 * better-auth's `validateUserInfo` gate: which identities may open, join or sign in to an account.
 *
 * - A new account (password or single sign-on) only under the sign-up rules (sign-up-rules.ts).
 * - Single sign-on only with an email the provider VERIFIED, on every sign-in, not only the first: the
 *   provider vouches for the address each time.
 * - Linking by that email adds the provider to an existing account (password accounts included), once:
 *   an account already linked to another subject is refused, since it means the provider gave the
 *   address to someone else.
 *
 * The codes are the sign-in page's (lib/domain/auth/sso.ts), so a refusal reads in plain words there.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SsoErrorCode } from "@/lib/domain/auth/sso";
import { admitsNewAccount, SIGN_UP_CLOSED_MESSAGE } from "./sign-up-rules";

interface GateInput {
  user: { email?: string | null };
  source: {
    action: string;
    method: string;
    oauth?: { providerId: string; profile?: Record<string, unknown> };
  };
}

type Refusal = { error: string; errorDescription?: string };

const refuse = (code: SsoErrorCode): Refusal => ({ error: code });

async function gateSingleSignOn(
  prisma: PrismaClient,
  input: GateInput,
  env: Record<string, string | undefined>,
) {
  const email = input.user.email?.toLowerCase();
  if (!email) return refuse("no_email");
  // Strictly the boolean true: a missing claim, "true" as a string or false leave the email unverified.
  if (input.source.oauth?.profile?.email_verified !== true) return refuse("unverified");
  if (input.source.action === "create-user")
    return (await admitsNewAccount(prisma, email, env)) ? undefined : refuse("no_account");
  if (input.source.action === "link-account") {
    const linked = await prisma.account.count({
      where: { providerId: input.source.oauth.providerId, user: { email } },
    });
    if (linked > 0) return refuse("other_identity");
  }
  return undefined;
}

export async function gateIdentity(
  prisma: PrismaClient,
  input: GateInput,
  env: Record<string, string | undefined> = process.env,
): Promise<Refusal | undefined> {
  if (input.source.method === "oauth") return gateSingleSignOn(prisma, input, env);
  if (input.source.action !== "create-user") return undefined;
  const email = input.user.email?.toLowerCase() ?? "";
  if (await admitsNewAccount(prisma, email, env)) return undefined;
  return { error: "sign_up_closed", errorDescription: SIGN_UP_CLOSED_MESSAGE };
}
