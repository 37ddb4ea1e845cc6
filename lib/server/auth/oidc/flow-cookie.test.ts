import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { openFlow, sealFlow } from "./flow-cookie";

const key = randomBytes(32);
const flow = { state: "s", nonce: "n", verifier: "v", next: "/runs" };

test("a sealed flow opens with the same key within ten minutes", () => {
  const now = 1_000_000;
  expect(openFlow(sealFlow(flow, key, now), key, now + 9 * 60_000)).toEqual(flow);
});

test("an expired, altered, foreign or missing flow does not open", () => {
  const now = 1_000_000;
  const sealed = sealFlow(flow, key, now);
  expect(openFlow(sealed, key, now + 10 * 60_000)).toBeNull();
  expect(openFlow(sealed, randomBytes(32), now)).toBeNull();
  expect(openFlow(`${sealed.slice(0, -2)}AA`, key, now)).toBeNull();
  expect(openFlow("garbage", key, now)).toBeNull();
  expect(openFlow(undefined, key, now)).toBeNull();
});
