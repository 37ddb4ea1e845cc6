/** The JWT credential: refreshed 5 minutes before its expiry, one exchange however many requests wait. */
import { expect, test } from "vitest";
import { Credential, JWT_REFRESH_BEFORE_MS, jwtExpiryMs } from "./client-auth";

const jwtExpiringAt = (ms: number, n: number) =>
  `e30.${Buffer.from(JSON.stringify({ exp: ms / 1000, n })).toString("base64url")}.`;

test("the JWT is refreshed once it is within 5 minutes of expiry, and only then", async () => {
  let now = 1_000_000_000;
  let exchanges = 0;
  const credential = new Credential(
    "tml-key",
    async () => jwtExpiringAt(now + 3600_000, ++exchanges),
    "b",
    () => now,
  );
  expect(await credential.header()).toBe("tml-key");
  await credential.enableJwt({});
  const first = await credential.header();
  expect(jwtExpiryMs(first!, "b")).toBe(now + 3600_000);
  now += 3600_000 - JWT_REFRESH_BEFORE_MS - 1;
  expect(await credential.header()).toBe(first);
  now += 2;
  const [a, b] = await Promise.all([credential.header(), credential.header()]);
  expect(a).toBe(b);
  expect(a).not.toBe(first);
  expect(exchanges).toBe(2);
  expect(credential.mode()).toBe("jwt");
});
