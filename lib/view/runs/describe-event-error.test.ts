import { expect, test } from "vitest";
import { describeEventError } from "./describe-event-error";

test("a Python-shaped failure reads in plain words; other errors stand as written", () => {
  const plain = describeEventError("TypeError: unhashable type: 'slice'");
  expect(plain).not.toMatch(/TypeError|slice/);
  expect(plain).toMatch(/could not be applied/);
  expect(describeEventError("KeyError: 'G7'")).toBe(plain);
  expect(describeEventError("the reply gave no program")).toBe("the reply gave no program");
});
