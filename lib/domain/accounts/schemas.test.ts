/** Bad input on the account and invitation forms is refused by their schemas, before anything is called. */
import { describe, expect, test } from "vitest";
import { acceptInvitationSchema, createInvitationSchema } from "@/lib/domain/projects/schemas";
import { signInSchema, signUpSchema } from "./schemas";

const uuid = "0b4cde3e-9d4f-4c55-a9d5-0d6e1b2f3a4c";

describe("signUpSchema", () => {
  const base = { email: " Ada@Example.org ", name: "Ada", password: "a long passphrase" };
  test("normalises the email; an empty invite is none, an invitation id is kept", () => {
    expect(signUpSchema.parse({ ...base, invite: "" })).toEqual({ ...base, email: "ada@example.org" });
    expect(signUpSchema.parse({ ...base, invite: uuid }).invite).toBe(uuid);
  });
  test("refuses a malformed invite, a short password and a malformed email", () => {
    expect(signUpSchema.safeParse({ ...base, invite: "not-an-id" }).success).toBe(false);
    expect(signUpSchema.safeParse({ ...base, password: "short" }).success).toBe(false);
    expect(signUpSchema.safeParse({ ...base, email: "ada@" }).success).toBe(false);
  });
});

test("signInSchema sends a next page off the site back to /", () => {
  const base = { email: "ada@example.org", password: "x" };
  expect(signInSchema.parse({ ...base, next: "/invite/abc" }).next).toBe("/invite/abc");
  for (const next of ["//evil.example", "https://evil.example/", undefined, 42])
    expect(signInSchema.parse({ ...base, next }).next, String(next)).toBe("/");
});

test("invitations: an address is required and checked; accepting needs an invitation id", () => {
  const invite = { projectSlug: "p", email: "new@lab.example", role: "editor" };
  expect(createInvitationSchema.parse(invite)).toEqual({ ...invite, expiresInDays: 7 });
  expect(createInvitationSchema.safeParse({ ...invite, email: "" }).success).toBe(false);
  expect(createInvitationSchema.safeParse({ ...invite, email: "not an address" }).success).toBe(false);
  expect(createInvitationSchema.safeParse({ ...invite, role: "admin" }).success).toBe(false);
  expect(acceptInvitationSchema.safeParse({ invitationId: uuid }).success).toBe(true);
  const refused = acceptInvitationSchema.safeParse({ invitationId: "x".repeat(43) });
  expect(refused.error?.issues[0]?.message).toBe("not an invitation link");
});
