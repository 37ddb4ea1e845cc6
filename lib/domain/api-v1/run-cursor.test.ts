import { expect, test } from "vitest";
import { decodeCursor, encodeCursor } from "./run-cursor";

test("a cursor names a position and reads back; anything else is not a cursor", () => {
  const position = {
    createdAt: new Date("2026-12-07T10:00:00.123Z"),
    id: "0b7c3f8e-1d2a-4c5b-9e6f-7a8b9c0d1e2f",
  };
  expect(decodeCursor(encodeCursor(position))).toEqual(position);
  expect(decodeCursor("not-a-cursor")).toBeNull();
  expect(decodeCursor(Buffer.from('["yesterday","x"]').toString("base64url"))).toBeNull();
});
