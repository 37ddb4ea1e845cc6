import { expect, test } from "vitest";
import { preparePanels, writePanelChoice } from "./metric-panels";

const keys = [
  "testing/Pass@1",
  "rollout/Agg_avg_reward",
  ...Array.from({ length: 8 }, (_, i) => `rollout/avg_PROGRAM_Pass@${i + 1}`),
  "optim/lr",
  "time/total",
];

test("one panel per group the run has, in group order, each defaulting to its top five", () => {
  const panels = preparePanels(keys, new URLSearchParams());
  expect(panels.map((p) => p.id)).toEqual(["rollout", "test", "optimizer", "time"]);
  const rollout = panels[0]!;
  expect(rollout.isDefault).toBe(true);
  expect(rollout.chosen).toEqual([
    "rollout/Agg_avg_reward",
    "rollout/avg_PROGRAM_Pass@1",
    "rollout/avg_PROGRAM_Pass@2",
    "rollout/avg_PROGRAM_Pass@3",
    "rollout/avg_PROGRAM_Pass@4",
  ]);
  expect(rollout.available).toHaveLength(9);
});

test("the URL's choice is read back, unknown keys ignored, `all` means every metric", () => {
  const params = new URLSearchParams("rollout=rollout/avg_PROGRAM_Pass@8,rollout/nope&test=all");
  const [rollout, test] = preparePanels(keys, params);
  expect(rollout!.chosen).toEqual(["rollout/avg_PROGRAM_Pass@8"]);
  expect(rollout!.isDefault).toBe(false);
  expect(test!.chosen).toEqual(["testing/Pass@1"]);
});

test("writing a choice: default removed, everything as `all`, else the keys in ranked order", () => {
  const [rollout] = preparePanels(keys, new URLSearchParams());
  const p = new URLSearchParams("x=time");
  writePanelChoice(p, rollout!, ["rollout/avg_PROGRAM_Pass@8", "rollout/Agg_avg_reward"]);
  expect(p.get("rollout")).toBe("rollout/Agg_avg_reward,rollout/avg_PROGRAM_Pass@8");
  writePanelChoice(p, rollout!, rollout!.available);
  expect(p.get("rollout")).toBe("all");
  writePanelChoice(p, rollout!, rollout!.chosen);
  expect(p.has("rollout")).toBe(false);
  writePanelChoice(p, rollout!, null);
  expect(p.toString()).toBe("x=time");
});
