"use server";
import { createBackendWithSecret } from "@/lib/server/runner/backends/backend-secrets";
import {
  backendRefSchema,
  createBackendSchema,
  updateBackendSchema,
} from "@/lib/domain/backends/backend-form";
import { deleteBackend, testBackend, updateBackend } from "@/lib/server/runner/backends/manage-backends";
import { roleInProjectSlug } from "@/lib/server/auth/rules";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";

const owner = roleInProjectSlug("owner");

/** Owners add a backend with its API key; the reply carries the id only, never the key. */
export const createBackendAction = defineAction(createBackendSchema, owner, (input, { caller, project }) =>
  createBackendWithSecret(getPrisma(), {
    projectId: project.projectId,
    actorId: caller.user.id,
    name: input.name,
    kind: input.kind,
    baseUrl: input.baseUrl,
    apiKey: input.apiKey,
    models: input.models,
    options: input.options,
  }),
);

/** Owners edit a backend; an empty key field keeps the stored key. */
export const updateBackendAction = defineAction(updateBackendSchema, owner, (input, { caller, project }) =>
  updateBackend(getPrisma(), project.projectId, caller.user.id, input),
);

/** Owners run the driver's probe; the result is stored and shown to every member. */
export const testBackendAction = defineAction(backendRefSchema, owner, (input, { caller, project }) =>
  testBackend(getPrisma(), project.projectId, caller.user.id, input.backendId),
);

/** Owners remove a backend no queued, running or paused run uses. */
export const deleteBackendAction = defineAction(backendRefSchema, owner, (input, { caller, project }) =>
  deleteBackend(getPrisma(), project.projectId, caller.user.id, input.backendId),
);
