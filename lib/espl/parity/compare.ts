import type { CaseResult } from "./types";

/** Tolerances from the vectors README: TrueSkill numbers are relative, float32 torch values absolute. */
export const TRUESKILL_REL_TOL = 1e-7;
export const FLOAT32_ABS_TOL = 1e-6;

export const pass: CaseResult = { ok: true };

export function fail(message: string): CaseResult {
  return { ok: false, message };
}

/** Relative difference as the README defines it: |a-b| / max(1, |b|). */
export function relativeDiff(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

export type NumberMode = { kind: "exact" } | { kind: "rel"; tol: number } | { kind: "abs"; tol: number };

function numbersMatch(actual: number, expected: number, mode: NumberMode): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (mode.kind === "exact") return actual === expected;
  const diff = mode.kind === "rel" ? relativeDiff(actual, expected) : Math.abs(actual - expected);
  return diff <= mode.tol;
}

/**
 * Structural comparison: objects must have the same keys (order-insensitive, see `compareKeyOrder` where
 * order matters), arrays the same length, strings/booleans/null equal, numbers equal within `mode`.
 * Returns the path of the first difference, or null when they match.
 */
export function findDifference(
  actual: unknown,
  expected: unknown,
  mode: NumberMode = { kind: "exact" },
  path = "$",
): string | null {
  if (typeof expected === "number") {
    if (typeof actual !== "number")
      return `${path}: expected number ${expected}, got ${JSON.stringify(actual)}`;
    return numbersMatch(actual, expected, mode) ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  if (expected === null || typeof expected !== "object") {
    return Object.is(actual, expected)
      ? null
      : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected length ${expected.length}, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = findDifference(actual[i], expected[i], mode, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual))
    return `${path}: expected object, got ${JSON.stringify(actual)}`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const missing = Object.keys(e).filter((k) => !(k in a));
  const extra = Object.keys(a).filter((k) => !(k in e));
  if (missing.length || extra.length)
    return `${path}: keys differ (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)})`;
  for (const k of Object.keys(e)) {
    const d = findDifference(a[k], e[k], mode, `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Key order matters wherever a principles dict appears (insertion order is the principle order). */
export function findKeyOrderDifference(actual: object, expected: object, path = "$"): string | null {
  const ak = Object.keys(actual).join(",");
  const ek = Object.keys(expected).join(",");
  return ak === ek ? null : `${path}: key order expected [${ek}], got [${ak}]`;
}

export function compare(actual: unknown, expected: unknown, mode?: NumberMode): CaseResult {
  const d = findDifference(actual, expected, mode);
  return d ? fail(d) : pass;
}
