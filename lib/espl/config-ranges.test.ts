import { describe, expect, test } from "vitest";
import { esplConfigSchema, getDefaultConfig, parseConfigArgs, type EsplConfigKey } from "./config";
import { CONFIG_RANGES, describeRange, type RangedConfigKey } from "./config-ranges";

const INT4_MAX = 2_147_483_647;
const RANGED = Object.keys(CONFIG_RANGES) as RangedConfigKey[];

function refusal(line: string) {
  const result = parseConfigArgs([line]);
  if (result.ok) throw new Error(`${line} was accepted`);
  return result.errors;
}

describe("config ranges", () => {
  test("every numeric key of the schema has a documented range", () => {
    const defaults = getDefaultConfig();
    const numeric = (Object.keys(defaults) as EsplConfigKey[]).filter((k) => typeof defaults[k] === "number");
    expect(numeric.sort()).toEqual([...RANGED].sort());
  });

  test("the defaults are inside their ranges, and stored integers fit a PostgreSQL integer", () => {
    const defaults = getDefaultConfig();
    for (const key of RANGED) {
      const range = CONFIG_RANGES[key];
      expect(defaults[key], key).toBeGreaterThanOrEqual(range.min);
      expect(defaults[key], key).toBeLessThanOrEqual(range.max);
      if (key !== "seed") expect(range.max, key).toBeLessThanOrEqual(INT4_MAX);
    }
  });

  test("each bound is accepted and one past it is refused, naming the key and the range", () => {
    for (const key of RANGED) {
      const range = CONFIG_RANGES[key];
      const step = range.integer ? 1 : 1e-9 * Math.max(1, range.max);
      const max = esplConfigSchema.safeParse({ [key]: range.max });
      expect(max.success, `${key}=${range.max}`).toBe(true);
      if (!range.minExclusive)
        expect(esplConfigSchema.safeParse({ [key]: range.min }).success, key).toBe(true);
      for (const bad of [range.max + step, range.minExclusive ? range.min : range.min - step]) {
        const parsed = esplConfigSchema.safeParse({ [key]: bad });
        expect(parsed.success, `${key}=${bad}`).toBe(false);
        expect(parsed.error?.issues[0]?.message, key).toBe(`must be ${describeRange(range)}`);
      }
    }
  });

  test("the issue's values are refused with words, not accepted or left to the database", () => {
    expect(refusal("n_epochs=100000000")).toEqual([
      { key: "n_epochs", message: "n_epochs: must be an integer from 1 to 10,000" },
    ]);
    expect(refusal("n_epochs=1000000")[0]?.key).toBe("n_epochs");
    expect(refusal("batch_size=2147483648")).toEqual([
      { key: "batch_size", message: "batch_size: must be an integer from 1 to 10,000" },
    ]);
    expect(refusal("group_size=1000000")).toEqual([
      { key: "group_size", message: "group_size: must be an integer from 1 to 1,000" },
    ]);
  });

  test("ranges read as words", () => {
    expect(describeRange(CONFIG_RANGES.top_p)).toBe("a number above 0 to 1");
    expect(describeRange(CONFIG_RANGES.choose_from_most_recent)).toBe("an integer from 0 to 10,000");
  });
});
