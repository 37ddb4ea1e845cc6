import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { SERIES_PALETTE, assignProgramColors, colorForIndex, colorForProgram } from "./series-colors";

test("a program's home colour depends on its id only, and is a theme variable", () => {
  expect(colorForProgram(7)).toBe(colorForProgram(7));
  expect(colorForProgram(7)).toBe(SERIES_PALETTE[7]);
  expect(colorForProgram(27)).toBe(colorForProgram(7));
  expect(colorForProgram(-1)).toBe(SERIES_PALETTE[19]);
  for (const c of SERIES_PALETTE) expect(c).toMatch(/^var\(--color-[a-z]+-\d{3}\)$/);
});

test("twenty distinct colours before any repeats", () => {
  const first = Array.from({ length: 20 }, (_, i) => colorForIndex(i));
  expect(new Set(first).size).toBe(20);
  expect(colorForIndex(20)).toBe(colorForIndex(0));
});

test("programs drawn together never share a colour, and keep their home colour where they can", () => {
  // A run's top programs: ids spread over hundreds, several equal modulo 20.
  const top = [3, 23, 43, 120, 140, 7, 88, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0];
  for (const n of [5, 10, 16, 20]) {
    const colors = assignProgramColors(top.slice(0, n));
    expect(colors.size).toBe(n);
    expect(new Set(colors.values()).size, `top ${n}`).toBe(n);
  }
  const colors = assignProgramColors(top.slice(0, 10));
  expect(colors.get(3)).toBe(colorForProgram(3));
  expect(colors.get(7)).toBe(colorForProgram(7));
  expect(colors.get(23)).not.toBe(colorForProgram(3));
});

test("the assignment depends on the set of programs, not on their order or the call", () => {
  const ids = [140, 3, 23, 120, 43, 7];
  const once = assignProgramColors(ids);
  const again = assignProgramColors([...ids].reverse());
  for (const id of ids) expect(again.get(id)).toBe(once.get(id));
  expect(assignProgramColors(ids)).toEqual(once);
  // Past twenty programs colours repeat rather than fail.
  expect(assignProgramColors(Array.from({ length: 25 }, (_, i) => i * 20)).size).toBe(25);
});

// The colours as each theme defines them: Tailwind's scales (light) and the inverted ones under .dark.
type Oklch = [l: number, c: number, h: number];
function readScale(css: string): Map<string, Oklch> {
  const vars = new Map<string, Oklch>();
  for (const m of css.matchAll(/--(color-[a-z]+(?:-\d+)?):\s*oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)/g))
    vars.set(m[1]!, [Number(m[2]) / 100, Number(m[3]), Number(m[4])]);
  return vars;
}
const light = readScale(readFileSync("node_modules/tailwindcss/theme.css", "utf8"));
light.set("color-white", [1, 0, 0]);
const dark = readScale(readFileSync("app/globals.css", "utf8").split("@theme")[0]!);

const toLab = ([l, c, h]: Oklch) => [l, c * Math.cos((h * Math.PI) / 180), c * Math.sin((h * Math.PI) / 180)];

/** WCAG relative luminance of an OKLCH colour (clipped to sRGB). */
function luminance(color: Oklch): number {
  const [l, a, b] = toLab(color) as [number, number, number];
  const lms = [
    l + 0.3963377774 * a + 0.2158037573 * b,
    l - 0.1055613458 * a - 0.0638541728 * b,
    l - 0.0894841775 * a - 1.291485548 * b,
  ].map((v) => v ** 3) as [number, number, number];
  const linear = [
    4.0767416621 * lms[0] - 3.3077115913 * lms[1] + 0.2309699292 * lms[2],
    -1.2684380046 * lms[0] + 2.6097574011 * lms[1] - 0.3413193965 * lms[2],
    -0.0041960863 * lms[0] - 0.7034186147 * lms[1] + 1.707614701 * lms[2],
  ].map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}
const contrast = (x: Oklch, y: Oklch) => {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
const distance = (x: Oklch, y: Oklch) => Math.hypot(...toLab(x).map((v, i) => v - toLab(y)[i]!));

for (const [theme, scale] of [
  ["light", light],
  ["dark", dark],
] as const) {
  const colorOf = (v: string) => {
    const found = scale.get(v.slice("var(--".length, -1));
    if (!found) throw new Error(`${theme} theme has no ${v}`);
    return found;
  };
  test(`${theme}: every colour reads against the card surface (≥ 3:1) and differs from every other`, () => {
    const surface = colorOf("var(--color-white)");
    for (const c of SERIES_PALETTE) expect(contrast(colorOf(c), surface), c).toBeGreaterThanOrEqual(3);
    const minDistance = (n: number) => {
      let min = Infinity;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
          min = Math.min(min, distance(colorOf(SERIES_PALETTE[i]!), colorOf(SERIES_PALETTE[j]!)));
      return min;
    };
    expect(minDistance(10)).toBeGreaterThanOrEqual(0.11);
    expect(minDistance(20)).toBeGreaterThanOrEqual(0.08);
  });
}
