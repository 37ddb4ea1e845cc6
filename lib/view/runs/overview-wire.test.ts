import { describe, expect, test } from "vitest";
import type { Bucket } from "@/lib/view/charts/downsample";
import { decodeOverview, encodeOverview, mergeOverviewDelta, type OverviewParts } from "./overview-wire";

const bucket = (step: number, width: number, last: number, min = last, max = last): Bucket => ({
  bucket: Math.floor(step / width),
  step,
  min,
  max,
  last,
  time: 1_000 + step,
  samples: step * 10,
});

function overview(
  parts: Partial<OverviewParts> & Pick<OverviewParts, "series">,
): OverviewParts & { lastStep: number } {
  const steps = [...new Set(Object.values(parts.series).flatMap((s) => s.map((b) => b.step)))].sort(
    (a, b) => a - b,
  );
  return {
    bucketWidth: 2,
    sinceStep: null,
    axes: {
      steps,
      samples: steps.map((s) => s * 10),
      tokens: steps.map(() => null),
      seconds: steps.map((s) => s / 2),
    },
    events: [],
    lastStep: steps.at(-1) ?? -1,
    ...parts,
  };
}

describe("overview wire", () => {
  test("encodes min/max and steps only where they differ, and decodes back exactly", () => {
    const o = overview({
      series: {
        a: [bucket(1, 2, 0.1, 0.05, 0.1), bucket(3, 2, 0.3)],
        sparse: [bucket(3, 2, 0.7)],
      },
      events: [
        { step: 1, kind: "mutation", status: "ok", childId: 4, error: null },
        { step: 3, kind: "crossover", status: "failed", childId: null, error: "unparseable reply" },
      ],
    });
    const wire = encodeOverview(o);
    expect(wire.series.a).toEqual({ l: [0.1, 0.3], lo: [0.05, 0.3] });
    expect(wire.series.sparse).toEqual({ s: [3], l: [0.7] });
    expect(decodeOverview(JSON.parse(JSON.stringify(wire)))).toEqual(o);
  });

  test("a delta replaces the bucket still filling, keeps held keys it lacks, and refuses another width", () => {
    const held = overview({
      series: { a: [bucket(1, 2, 0.1), bucket(2, 2, 0.2)], test: [bucket(1, 2, 0.9)] },
      events: [{ step: 2, kind: "mutation", status: "ok", childId: 1, error: null }],
    });
    const delta = {
      ...overview({
        series: { a: [bucket(3, 2, 0.3, 0.2, 0.3), bucket(4, 2, 0.4)] },
        events: [{ step: 3, kind: "mutation", status: "ok", childId: 2, error: null }],
      }),
      sinceStep: 2,
    };
    const merged = mergeOverviewDelta(held, delta)!;
    expect(merged.series.a!.map((b) => [b.step, b.last])).toEqual([
      [1, 0.1],
      [3, 0.3],
      [4, 0.4],
    ]);
    expect(merged.series.test!.map((b) => b.step)).toEqual([1]);
    expect(merged.axes.steps).toEqual([1, 3, 4]);
    expect(merged.axes.samples).toEqual([10, 30, 40]);
    // The held marker of bucket 1 (step 2) gives way to the delta's marker of the same bucket and kind.
    expect(merged.events.map((e) => e.step)).toEqual([3]);
    expect(merged.sinceStep).toBeNull();
    expect(mergeOverviewDelta(held, { ...delta, bucketWidth: 3 })).toBeNull();
  });
});
