import { describe, expect, test } from "vitest";
import {
  describeSsoError,
  inviteTokenOfNextPath,
  oidcClaimsSchema,
  oidcStartQuerySchema,
  SSO_ERROR_MESSAGES,
  toSafeNextPath,
} from "./sso";

describe("toSafeNextPath", () => {
  test("keeps a path on this site, with its query and hash", () => {
    expect(toSafeNextPath("/")).toBe("/");
    expect(toSafeNextPath("/projects/default/runs?status=running#top")).toBe(
      "/projects/default/runs?status=running#top",
    );
    expect(toSafeNextPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
  });

  test("anything that could leave the site becomes /", () => {
    for (const raw of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "runs",
      "",
      "/x".repeat(2000),
      undefined,
      42,
    ])
      expect(toSafeNextPath(raw), String(raw)).toBe("/");
  });

  test("the start route's query cleans `next` instead of refusing it", () => {
    expect(oidcStartQuerySchema.parse({ next: "//evil.example" })).toEqual({ next: "/" });
    expect(oidcStartQuerySchema.parse({})).toEqual({ next: "/" });
    expect(oidcStartQuerySchema.parse({ next: "/runs" })).toEqual({ next: "/runs" });
  });
});

test("an invitation token is read only from an exact /invite/<token> path", () => {
  expect(inviteTokenOfNextPath("/invite/tok_en-1")).toBe("tok_en-1");
  expect(inviteTokenOfNextPath("/invite/tok/extra")).toBeUndefined();
  expect(inviteTokenOfNextPath("/runs")).toBeUndefined();
});

describe("oidcClaimsSchema", () => {
  const base = { iss: "https://login.example.org", sub: "user-1", email: " Ada@Example.org " };
  test("only the boolean true verifies the email; the email is normalised as at sign-up", () => {
    expect(oidcClaimsSchema.parse({ ...base, email_verified: true })).toMatchObject({
      email: "ada@example.org",
      email_verified: true,
    });
    for (const value of [false, "true", 1, undefined, null])
      expect(oidcClaimsSchema.parse({ ...base, email_verified: value }).email_verified, String(value)).toBe(
        false,
      );
  });
  test("a long display name is cut, not refused", () => {
    expect(oidcClaimsSchema.parse({ ...base, name: "x".repeat(300) }).name).toHaveLength(100);
  });
});

test("error codes map to fixed plain messages; anything else shows nothing", () => {
  expect(describeSsoError("unverified")).toBe(SSO_ERROR_MESSAGES.unverified);
  expect(describeSsoError("<script>alert(1)</script>")).toBeUndefined();
  expect(describeSsoError("toString")).toBeUndefined();
  expect(describeSsoError(undefined)).toBeUndefined();
});
