/** One zod schema per account contract, shared by the forms, the actions and the tests. */
import { z } from "zod";
import { toSafeNextPath } from "@/lib/domain/auth/safe-next-path";

/** Shortest password accepted at sign-up. */
export const MIN_PASSWORD_LENGTH = 8;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "enter a valid email address" }).max(320));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "enter your password").max(1000),
  /** The page to open after signing in (a path on this site, else "/"). */
  next: z.unknown().optional().transform(toSafeNextPath),
});

export const signUpSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "enter your name").max(100),
  password: z.string().min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
  /**
   * The invitation the sign-up started from (its id, from the link): the new account joins its project at
   * once. Sign-up after the first owner needs an open invitation for the address unless ALLOW_SIGNUP=1.
   */
  invite: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
});

export type SignUpInput = z.output<typeof signUpSchema>;
