"use server";
import { createBackendWithSecret } from "@/lib/backends/backend-secrets";
import { roleInProjectSlug } from "@/lib/auth/rules";
import { getPrisma } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { createBackendSchema } from "@/lib/projects/schemas";

const owner = roleInProjectSlug("owner");

/** Owners add a backend with its API key; the reply carries the id only, never the key. */
export const createBackendAction = defineAction(createBackendSchema, owner, (input, { caller, project }) =>
  createBackendWithSecret(getPrisma(), { ...input, projectId: project.projectId, actorId: caller.user.id }),
);
