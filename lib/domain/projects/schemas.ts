/** Contracts of the members and sharing settings: one schema each, for forms, actions and tests. */
import { z } from "zod";
import { emailSchema } from "@/lib/domain/accounts/schemas";

export const roleSchema = z.enum(["owner", "editor", "viewer"]);
const slug = z.string().min(1).max(100);

export const createInvitationSchema = z.object({
  projectSlug: slug,
  email: emailSchema,
  role: roleSchema,
  expiresInDays: z.coerce.number().int().min(1).max(30).default(7),
});

export const changeRoleSchema = z.object({ projectSlug: slug, userId: z.uuid(), role: roleSchema });
export const removeMemberSchema = z.object({ projectSlug: slug, userId: z.uuid() });
export const revokeInvitationSchema = z.object({ projectSlug: slug, invitationId: z.uuid() });
export const acceptInvitationSchema = z.object({
  invitationId: z.uuid({ message: "not an invitation link" }),
});

/** A single checkbox arrives as a string, several as an array. */
const idList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.uuid()).min(1).max(20));
const optionalInt = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().pipe(schema).optional());

export const createShareLinkSchema = z.object({
  projectSlug: slug,
  runIds: idList,
  frozenAtStep: optionalInt(z.number().int().min(0)),
  expiresInHours: optionalInt(
    z
      .number()
      .int()
      .min(1)
      .max(24 * 365),
  ),
});

export const revokeShareLinkSchema = z.object({ projectSlug: slug, shareLinkId: z.uuid() });

// The backend registry's schemas live in lib/domain/backends/backend-form.ts.
