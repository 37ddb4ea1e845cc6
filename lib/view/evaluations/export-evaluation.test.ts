import { describe, expect, test } from "vitest";
import {
  buildEvaluationExportRows,
  formatEvaluationExportCsv,
  listPassAtKeys,
  type ExportableCell,
} from "./export-evaluation";

const cell = (over: Partial<ExportableCell>): ExportableCell => ({
  position: 0,
  checkpointLabel: "base",
  programId: 0,
  n: 0,
  metrics: null,
  ...over,
});

describe("evaluation export rows", () => {
  test("Pass@k keys are ordered by k, not as text", () => {
    const metrics = { "Pass@10": 0.9, "Pass@2": 0.5, "Pass@1": 0.25, mean_reward: 0.25 };
    expect(listPassAtKeys([cell({ metrics })])).toEqual(["Pass@1", "Pass@2", "Pass@10"]);
  });

  test("rows follow the grid order and carry the stored numbers unchanged", () => {
    const rows = buildEvaluationExportRows(
      [
        cell({
          position: 1,
          checkpointLabel: "final",
          programId: 4,
          n: 8,
          metrics: { "Pass@1": 0.625, mean_reward: 0.625, ci_low: 0.1, ci_high: 1.15 },
        }),
        cell({
          position: 0,
          n: 8,
          metrics: { "Pass@1": 0.125, mean_reward: 0.125, ci_low: null, ci_high: null },
        }),
      ],
      "completed",
    );
    expect(rows).toEqual([
      {
        checkpoint: "base",
        program: 0,
        status: "graded",
        n: 8,
        passAtK: { "Pass@1": 0.125 },
        meanReward: 0.125,
        ciLow: null,
        ciHigh: null,
        note: null,
      },
      {
        checkpoint: "final",
        program: 4,
        status: "graded",
        n: 8,
        passAtK: { "Pass@1": 0.625 },
        meanReward: 0.625,
        ciLow: 0.1,
        ciHigh: 1.15,
        note: null,
      },
    ]);
  });

  test("a cell without metrics is pending with nulls; an imported run's cells say recorded or needs_backend", () => {
    const why = "the recorded rollouts hold no test split of this step";
    const rows = buildEvaluationExportRows(
      [
        cell({ position: 0, n: 4, metrics: { "Pass@1": 0.5, "Pass@2": 0.75, mean_reward: 0.5 } }),
        cell({ position: 1, programId: 3 }),
        cell({ position: 2, programId: 5, source: "needs_backend", note: why }),
        cell({ position: 3, n: 4, source: "recorded", metrics: { "Pass@1": 0.25, mean_reward: 0.25 } }),
      ],
      "completed",
    );
    expect(rows[1]).toEqual({
      checkpoint: "base",
      program: 3,
      status: "pending",
      n: 0,
      passAtK: { "Pass@1": null, "Pass@2": null },
      meanReward: null,
      ciLow: null,
      ciHigh: null,
      note: null,
    });
    expect(rows.map((r) => r.status)).toEqual(["graded", "pending", "needs_backend", "recorded"]);
    expect(rows[2]!.note).toBe(why);
    expect(rows[3]!.passAtK).toEqual({ "Pass@1": 0.25, "Pass@2": null });
  });

  test("a cancelled or failed job's ungraded cells say not_graded, as the grid does; graded ones stay", () => {
    const cells = [
      cell({ position: 0, n: 4, metrics: { "Pass@1": 0.5, mean_reward: 0.5 } }),
      cell({ position: 1 }),
    ];
    for (const job of ["cancelled", "failed"])
      expect(buildEvaluationExportRows(cells, job).map((r) => r.status)).toEqual(["graded", "not_graded"]);
    expect(buildEvaluationExportRows(cells, "running").map((r) => r.status)).toEqual(["graded", "pending"]);
  });

  test("CSV: one header, one CRLF line per cell, missing values empty, labels quoted when needed", () => {
    const rows = buildEvaluationExportRows(
      [
        cell({
          position: 0,
          checkpointLabel: "step 2, late",
          n: 4,
          metrics: { "Pass@1": 0.5, mean_reward: 0.5, ci_low: 0.25, ci_high: 0.75 },
        }),
        cell({
          position: 1,
          programId: 1,
          source: "needs_backend",
          note: "no live backend, said the import",
        }),
      ],
      "completed",
    );
    expect(formatEvaluationExportCsv(rows)).toBe(
      "checkpoint,program,status,n,Pass@1,mean_reward,ci_low,ci_high,note\r\n" +
        '"step 2, late",0,graded,4,0.5,0.5,0.25,0.75,\r\n' +
        'base,1,needs_backend,0,,,,,"no live backend, said the import"\r\n',
    );
  });
});
