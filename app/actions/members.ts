"use server";
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
  (input, { caller, project }) =>
    createInvitation(getPrisma(), {
      projectId: project.projectId,
      role: input.role,
      expiresInDays: input.expiresInDays,
      actorId: caller.user.id,
    }),
);

export const changeRoleAction = defineAction(changeRoleSchema, owner, (input, { caller, project }) =>
  changeRole(getPrisma(), {
    projectId: project.projectId,
    userId: input.userId,
    role: input.role,
    actorId: caller.user.id,
  }),
);

export const removeMemberAction = defineAction(removeMemberSchema, owner, (input, { caller, project }) =>
  removeMember(getPrisma(), { projectId: project.projectId, userId: input.userId, actorId: caller.user.id }),
);

export const revokeInvitationAction = defineAction(
  revokeInvitationSchema,
  owner,
  (input, { caller, project }) =>
    revokeInvitation(getPrisma(), {
      projectId: project.projectId,
      invitationId: input.invitationId,
      actorId: caller.user.id,
    }),
);
