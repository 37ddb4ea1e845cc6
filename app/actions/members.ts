"use server";
import { sessionHeaders } from "@/lib/server/auth/better-auth/call-auth";
import { roleInProjectSlug } from "@/lib/server/auth/rules";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";
import {
  changeRole,
  createInvitation,
  removeMember,
  revokeInvitation,
} from "@/lib/server/auth/projects/members";
import {
  changeRoleSchema,
  createInvitationSchema,
  removeMemberSchema,
  revokeInvitationSchema,
} from "@/lib/domain/projects/schemas";

const owner = roleInProjectSlug("owner");

export const createInvitationAction = defineAction(
  createInvitationSchema,
  owner,
  (input, { caller, project, context }) =>
    createInvitation(getPrisma(), sessionHeaders(context), {
      projectId: project.projectId,
      email: input.email,
      role: input.role,
      expiresInDays: input.expiresInDays,
      actorId: caller.user.id,
    }),
);

export const changeRoleAction = defineAction(changeRoleSchema, owner, (input, { caller, project, context }) =>
  changeRole(getPrisma(), sessionHeaders(context), {
    projectId: project.projectId,
    userId: input.userId,
    role: input.role,
    actorId: caller.user.id,
  }),
);

export const removeMemberAction = defineAction(
  removeMemberSchema,
  owner,
  (input, { caller, project, context }) =>
    removeMember(getPrisma(), sessionHeaders(context), {
      projectId: project.projectId,
      userId: input.userId,
      actorId: caller.user.id,
    }),
);

export const revokeInvitationAction = defineAction(
  revokeInvitationSchema,
  owner,
  (input, { caller, project, context }) =>
    revokeInvitation(getPrisma(), sessionHeaders(context), {
      projectId: project.projectId,
      invitationId: input.invitationId,
      actorId: caller.user.id,
    }),
);
