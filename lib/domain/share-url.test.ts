import { expect, test } from "vitest";
import { withShareToken } from "./share-url";

test("member URLs stay unchanged; share URLs carry the token, encoded, after any query", () => {
  expect(withShareToken("/api/events", null)).toBe("/api/events");
  expect(withShareToken("/api/events", "a-b_c")).toBe("/api/events?share=a-b_c");
  expect(withShareToken("/api/x?format=csv", "t/+")).toBe("/api/x?format=csv&share=t%2F%2B");
});
