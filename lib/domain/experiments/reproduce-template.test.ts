import { describe, expect, test } from "vitest";
import { expandGrid, experimentLaunchSchema } from "./launch-spec";
import { buildReproduceLaunch, nameReproduceExperiment, REPRODUCE_MODES } from "./reproduce-template";

const projectId = "00000000-0000-4000-8000-000000000001";

function expand(seeds: string) {
  const parsed = experimentLaunchSchema.parse(
    buildReproduceLaunch({ projectId, seeds, datasetName: "gsm", backendName: "the simulator" }),
  );
  return { parsed, cells: expandGrid(parsed.axes, parsed.seeds) };
}

describe("buildReproduceLaunch", () => {
  test("E-SPL, RL only and evolution only × every seed, on the E-SPL preset", () => {
    const { parsed, cells } = expand("1-3");
    expect(parsed.preset).toBe("espl-lucb");
    expect(parsed.name).toBe("Reproduce the paper · gsm · the simulator");
    expect(cells).toHaveLength(9);
    const pairs = cells.map((c) => `${String(c.settings.train_mode)}/${c.seed}`);
    expect(new Set(pairs).size).toBe(9);
    for (const mode of ["evolution_rl", "rl", "evolution"])
      expect(pairs.filter((p) => p.startsWith(`${mode}/`))).toHaveLength(3);
    // Launched E-SPL first, so its runs are the first taken up by the queue.
    expect(cells[0]!.settings.train_mode).toBe("evolution_rl");
  });

  test("a seed list, a chosen name, the backend and dataset go through", () => {
    const input = buildReproduceLaunch({
      projectId,
      seeds: "4,9",
      name: "  mine ",
      datasetId: "00000000-0000-4000-8000-000000000002",
      policyBackendId: "00000000-0000-4000-8000-000000000003",
      datasetName: "d",
      backendName: "b",
      config: { dataset_size: 8 },
    });
    const parsed = experimentLaunchSchema.parse(input);
    expect(parsed).toMatchObject({
      name: "mine",
      seeds: [4, 9],
      datasetId: "00000000-0000-4000-8000-000000000002",
      policyBackendId: "00000000-0000-4000-8000-000000000003",
      config: { dataset_size: 8 },
    });
    expect(expandGrid(parsed.axes, parsed.seeds)).toHaveLength(REPRODUCE_MODES.length * 2);
  });

  test("bad seeds are refused by the launch contract, naming them", () => {
    const parsed = experimentLaunchSchema.safeParse(
      buildReproduceLaunch({ projectId, seeds: "3-1", datasetName: "d", backendName: "b" }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('range "3-1" runs backwards');
    expect(nameReproduceExperiment("a", "b")).toBe("Reproduce the paper · a · b");
  });
});
