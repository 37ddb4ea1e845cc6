"use server";
import { roleInProjectSlug } from "@/lib/auth/rules";
import { getPrisma } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { createShareLinkSchema, revokeShareLinkSchema } from "@/lib/projects/schemas";
import { createShareLink, revokeShareLink } from "@/lib/sharing/share-links";

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
