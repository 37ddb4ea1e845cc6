"use server";
import { roleInProjectSlug } from "@/lib/server/auth/rules";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";
import { createShareLinkSchema, revokeShareLinkSchema } from "@/lib/domain/projects/schemas";
import { createShareLink, revokeShareLink } from "@/lib/server/auth/sharing/share-links";

const owner = roleInProjectSlug("owner");

export const createShareLinkAction = defineAction(
  createShareLinkSchema,
  owner,
  (input, { caller, project }) =>
    createShareLink(getPrisma(), {
      projectId: project.projectId,
      runIds: input.runIds,
      frozenAtStep: input.frozenAtStep,
      expiresInHours: input.expiresInHours,
      actorId: caller.user.id,
    }),
);

export const revokeShareLinkAction = defineAction(
  revokeShareLinkSchema,
  owner,
  (input, { caller, project }) =>
    revokeShareLink(getPrisma(), {
      projectId: project.projectId,
      shareLinkId: input.shareLinkId,
      actorId: caller.user.id,
    }),
);
