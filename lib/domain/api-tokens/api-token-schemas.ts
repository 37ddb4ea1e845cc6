/** Contracts of API tokens: one schema each, for the settings forms, their actions and tests. */
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";
import { roleSchema } from "@/lib/domain/projects/schemas";

export const API_TOKEN_KINDS = ["personal", "service"] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

const slug = z.string().min(1).max(100);

export const createApiTokenSchema = z.object({
  projectSlug: slug,
  name: plainText("the name").trim().min(1, "name the token").max(100, "at most 100 characters"),
  kind: z.enum(API_TOKEN_KINDS),
  role: roleSchema,
  /** Empty: the token never expires (until revoked). */
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number().int().min(1, "at least 1 day").max(365, "at most 365 days").optional(),
  ),
});

export const revokeApiTokenSchema = z.object({ projectSlug: slug, tokenId: z.uuid() });

/** "espl_" and 43 base64url characters (32 random bytes): recognisable in a leaked log, cheap to check. */
export const API_TOKEN_PATTERN = /^espl_[A-Za-z0-9_-]{43}$/;
/** How much of a token lists show: enough to tell tokens apart, far too little to use one. */
export const API_TOKEN_PREFIX_LENGTH = 12;
