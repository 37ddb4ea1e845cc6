import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildTrainingDatums } from "./datums";

describe("buildTrainingDatums", () => {
  test("shifts prompt + completion by one and zeroes the prompt part", () => {
    const datums = buildTrainingDatums({
      promptTokens: [[[10, 11, 12]]],
      sampledTokens: [[[[20, 21], [30]]]],
      sampledLogprobs: [[[[-0.5, -1.5], [-2]]]],
      advantages: [[[0.5, -0.5]]],
    });
    expect(datums).toEqual([
      {
        inputTokens: [10, 11, 12, 20],
        targetTokens: [11, 12, 20, 21],
        logprobs: [0, 0, -0.5, -1.5],
        advantages: [0, 0, 0.5, 0.5],
      },
      {
        inputTokens: [10, 11, 12],
        targetTokens: [11, 12, 30],
        logprobs: [0, 0, -2],
        advantages: [0, 0, -0.5],
      },
    ]);
  });

  test("omits groups whose advantages are all zero and keeps program → problem → sample order", () => {
    const datums = buildTrainingDatums({
      promptTokens: [
        [[1], [2]],
        [[3], [4]],
      ],
      sampledTokens: [
        [
          [[5], [6]],
          [[7], [8]],
        ],
        [
          [[9], [10]],
          [[11], [12]],
        ],
      ],
      sampledLogprobs: [
        [
          [[-1], [-1]],
          [[-1], [-1]],
        ],
        [
          [[-1], [-1]],
          [[-1], [-1]],
        ],
      ],
      advantages: [
        [
          [0, 0],
          [1, -1],
        ],
        [
          [0, -0],
          [0.25, 0],
        ],
      ],
    });
    expect(datums.map((d) => d.targetTokens[0])).toEqual([7, 8, 11, 12]);
    // A zero advantage inside a trained group still yields its datum.
    expect(datums[3]!.advantages).toEqual([0]);
  });

  test("a one-token prompt has no observation part", () => {
    const [datum] = buildTrainingDatums({
      promptTokens: [[[480]]],
      sampledTokens: [[[[461, 114]]]],
      sampledLogprobs: [[[[-2.6, -0.5]]]],
      advantages: [[[0.5]]],
    });
    expect(datum).toEqual({
      inputTokens: [480, 461],
      targetTokens: [461, 114],
      logprobs: [-2.6, -0.5],
      advantages: [0.5, 0.5],
    });
  });

  test("rejects mismatched shapes, missing logprobs and empty prompts", () => {
    const base = {
      promptTokens: [[[1]]],
      sampledTokens: [[[[2]]]],
      sampledLogprobs: [[[[-1]]]],
      advantages: [[[1]]],
    };
    expect(() => buildTrainingDatums({ ...base, sampledLogprobs: [[[[]]]] })).toThrow(RangeError);
    expect(() => buildTrainingDatums({ ...base, promptTokens: [[[]]] })).toThrow(RangeError);
    expect(() => buildTrainingDatums({ ...base, sampledTokens: [[[[2], [3]]]] })).toThrow(RangeError);
    expect(() => buildTrainingDatums({ ...base, promptTokens: [] })).toThrow(RangeError);
  });

  test("every datum has aligned lengths and exactly the sampled tokens carry the advantage", () => {
    const sample = fc.record({
      prompt: fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
      sampled: fc.array(fc.nat(1000), { maxLength: 8 }),
      advantage: fc.constantFrom(-1, -0.5, 0.25, 1),
    });
    fc.assert(
      fc.property(sample, ({ prompt, sampled, advantage }) => {
        const [datum] = buildTrainingDatums({
          promptTokens: [[prompt]],
          sampledTokens: [[[sampled]]],
          sampledLogprobs: [[[sampled.map(() => -0.1)]]],
          advantages: [[[advantage]]],
        });
        const length = prompt.length + sampled.length - 1;
        return (
          datum !== undefined &&
          [datum.inputTokens, datum.targetTokens, datum.logprobs, datum.advantages].every(
            (a) => a.length === length,
          ) &&
          datum.advantages.filter((a) => a === advantage).length === sampled.length
        );
      }),
    );
  });
});
