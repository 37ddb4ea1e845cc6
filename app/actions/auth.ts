"use server";
import { z } from "zod";
import { acceptInvitation, signIn, signUp } from "@/lib/server/auth/accounts/accounts";
import { signInSchema, signUpSchema } from "@/lib/domain/accounts/schemas";
import { startSession } from "@/lib/server/auth/accounts/start-session";
import { deleteSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";
import { clientIp } from "@/lib/server/http/same-origin";
import { acceptInvitationSchema } from "@/lib/domain/projects/schemas";

export const signInAction = defineAction(signInSchema, "public", async (input, { context }) => {
  const prisma = getPrisma();
  const { userId } = await signIn(prisma, input, clientIp(context.headers));
  await startSession(prisma, context, userId);
  return { redirectTo: "/" };
});

export const signUpAction = defineAction(signUpSchema, "public", async (input, { context }) => {
  const prisma = getPrisma();
  const { userId } = await signUp(prisma, input);
  await startSession(prisma, context, userId);
  return { redirectTo: "/" };
});

// Public: signing out must also clear the cookie of a session that already expired.
export const signOutAction = defineAction(z.object({}), "public", async (_input, { context }) => {
  await deleteSession(getPrisma(), context.cookies.get(SESSION_COOKIE)?.value);
  context.cookies.delete(SESSION_COOKIE);
  return { redirectTo: "/sign-in" };
});

export const acceptInvitationAction = defineAction(
  acceptInvitationSchema,
  "member",
  async (input, { caller }) => {
    const { projectSlug } = await acceptInvitation(getPrisma(), caller.user.id, input.token);
    return { redirectTo: `/projects/${projectSlug}/settings/members` };
  },
);
