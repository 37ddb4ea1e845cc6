import { describe, expect, test } from "vitest";
import { describeSsoError, oidcStartQuerySchema, SSO_ERROR_MESSAGES, toSafeNextPath } from "./sso";

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

test("error codes map to fixed plain messages; anything else shows nothing", () => {
  expect(describeSsoError("unverified")).toBe(SSO_ERROR_MESSAGES.unverified);
  expect(describeSsoError("<script>alert(1)</script>")).toBeUndefined();
  expect(describeSsoError("toString")).toBeUndefined();
  expect(describeSsoError(undefined)).toBeUndefined();
});
