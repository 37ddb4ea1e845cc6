import { expect, test } from "vitest";
import { parseChartQuery, writeChartQuery } from "./chart-query";

test("round-trips settings and leaves defaults out of the URL", () => {
  const params = writeChartQuery(new URLSearchParams("tab=1"), {
    x: "time",
    smooth: 0.6,
    log: true,
    band: true,
  });
  expect(params.toString()).toBe("tab=1&x=time&smooth=0.6&log=1&band=1");
  expect(parseChartQuery(params)).toEqual({ x: "time", smooth: 0.6, log: true, band: true });
  expect(writeChartQuery(params, { x: "step", smooth: 0, log: false, band: false }).toString()).toBe("tab=1");
});

test("an invalid value falls back to its default without losing the other", () => {
  expect(parseChartQuery(new URLSearchParams("x=bogus&smooth=0.3&log=yes"))).toEqual({
    x: "step",
    smooth: 0.3,
    log: false,
    band: false,
  });
  expect(parseChartQuery(new URLSearchParams("x=samples&smooth=7&band=1"))).toEqual({
    x: "samples",
    smooth: 0,
    log: false,
    band: true,
  });
});
