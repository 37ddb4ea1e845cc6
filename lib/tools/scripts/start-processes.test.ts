import { describe, expect, test } from "vitest";
import { parseStartPlan } from "./start-processes";

describe("parseStartPlan", () => {
  test("both processes unless told otherwise; an empty variable is the default", () => {
    for (const env of [{}, { ESPL_PROCESSES: "" }, { ESPL_PROCESSES: "all" }])
      expect(parseStartPlan([], env)).toEqual({
        processes: "all",
        web: true,
        worker: true,
        mayGenerateSecretKey: true,
      });
  });

  test("the web server alone, or a worker alone that must bring the web server's secret key", () => {
    expect(parseStartPlan([], { ESPL_PROCESSES: "web" })).toEqual({
      processes: "web",
      web: true,
      worker: false,
      mayGenerateSecretKey: true,
    });
    expect(parseStartPlan([], { ESPL_PROCESSES: " worker " })).toEqual({
      processes: "worker",
      web: false,
      worker: true,
      mayGenerateSecretKey: false,
    });
  });

  test("the flag wins over the variable", () => {
    expect(parseStartPlan(["--dev", "--processes=web"], { ESPL_PROCESSES: "worker" }).processes).toBe("web");
  });

  test("refuses anything else, naming where it came from", () => {
    expect(() => parseStartPlan([], { ESPL_PROCESSES: "workers" })).toThrow(
      'ESPL_PROCESSES must be one of all, web, worker, got "workers"',
    );
    expect(() => parseStartPlan(["--processes=both"], {})).toThrow(/^--processes must be one of/);
  });
});
