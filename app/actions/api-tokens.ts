"use server";
import { roleInProjectSlug } from "@/lib/server/auth/rules";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/domain/api-tokens/api-token-schemas";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens/api-tokens";

// Any member: createApiToken and revokeApiToken apply the finer rules (own role, owners for service tokens).
const member = roleInProjectSlug("viewer");

export const createApiTokenAction = defineAction(createApiTokenSchema, member, (input, { caller, project }) =>
  createApiToken(getPrisma(), caller, project, input),
);

export const revokeApiTokenAction = defineAction(revokeApiTokenSchema, member, (input, { caller, project }) =>
  revokeApiToken(getPrisma(), caller, project, input.tokenId),
);
