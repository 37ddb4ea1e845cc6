import { expect, test } from "vitest";
import { mapReferenceConfig } from "./map-config";

test("known keys are validated one by one; unknown keys and refused values are kept aside", () => {
  const mapped = mapReferenceConfig({ batch_size: 4, train_mode: "rl", group_size: 0, wandb_project: "x" });
  expect(mapped.config).toMatchObject({ batch_size: 4, train_mode: "rl", group_size: 5 });
  expect(mapped.unknownKeys).toEqual({ wandb_project: "x" });
  expect(mapped.invalidKeys).toEqual({ group_size: { value: 0, reason: expect.any(String) } });
});
