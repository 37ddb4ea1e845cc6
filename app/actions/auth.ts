"use server";
import { z } from "zod";
import { acceptInvitation, signIn, signOut, signUp } from "@/lib/server/auth/accounts/accounts";
import { signInSchema, signUpSchema } from "@/lib/domain/accounts/schemas";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";
import { acceptInvitationSchema } from "@/lib/domain/projects/schemas";

export const signInAction = defineAction(signInSchema, "public", async (input, { context }) => {
  await signIn(getPrisma(), context, input);
  return { redirectTo: input.next };
});

export const signUpAction = defineAction(signUpSchema, "public", async (input, { context }) => {
  const { redirectTo } = await signUp(getPrisma(), context, input);
  return { redirectTo };
});

// Public: signing out must also clear the cookie of a session that already expired.
export const signOutAction = defineAction(z.object({}), "public", async (_input, { context }) => {
  await signOut(getPrisma(), context);
  return { redirectTo: "/sign-in" };
});

export const acceptInvitationAction = defineAction(
  acceptInvitationSchema,
  "member",
  async (input, { caller, context }) => {
    const { projectSlug } = await acceptInvitation(getPrisma(), context, caller.user.id, input.invitationId);
    return { redirectTo: `/projects/${projectSlug}/settings/members` };
  },
);
