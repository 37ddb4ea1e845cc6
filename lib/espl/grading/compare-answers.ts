/**
 * Equivalence of two parsed answers, following math-verify's rules where they matter for math datasets:
 * integers compare exactly, numbers compare exactly unless a decimal was written (then both are rounded
 * to 6 decimals, so 1/3 = 0.333333), expressions with variables compare by evaluating both at the same
 * sample points, lists compare element-wise (sets in any order), and an equation on one side only is
 * reduced to its right-hand side ("x = 5" vs "5"). Every comparison runs against a time budget and
 * counts as "not equal" once the budget is spent.
 */
import type { ComplexValue } from "./mathjs-sandbox";
import type { ListValue, MathValue, ScalarValue } from "./parse-answer";

export interface Budget {
  expired(): boolean;
}

/** A class rather than a closure: budgets are created per grade, and methods are shared. */
class Deadline implements Budget {
  constructor(private readonly at: number) {}

  expired(): boolean {
    return performance.now() > this.at;
  }
}

export function createBudget(milliseconds: number): Budget {
  return new Deadline(performance.now() + milliseconds);
}

/** Fixed, irregular sample values: deterministic grading, unlikely to hit special points of an answer. */
const SAMPLE_VALUES = [0.5377, 1.8339, -2.2588, 0.8622, 0.3188, -1.3077, 2.7694, -0.4336, 1.4172, 3.5784];
const SAMPLE_POINTS = 8;
const MIN_VALID_POINTS = 3;

function roundTo6(x: number): number {
  return Math.abs(x) < 1e9 ? Math.round(x * 1e6) / 1e6 : Number(x.toPrecision(15));
}

function isClose(a: number, b: number, relative: number): boolean {
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

function numbersEqual(a: ComplexValue, b: ComplexValue, rounded: boolean): boolean {
  if (rounded) return roundTo6(a.re) === roundTo6(b.re) && roundTo6(a.im) === roundTo6(b.im);
  return isClose(a.re, b.re, 1e-9) && isClose(a.im, b.im, 1e-9);
}

function scalarsEqual(gold: ScalarValue, pred: ScalarValue, budget: Budget): boolean {
  if (gold.integer !== null && pred.integer !== null) return gold.integer === pred.integer;
  const rounded = gold.hasFloat || pred.hasFloat;
  const variables = gold.expression.variables;
  if (variables.join() !== pred.expression.variables.join()) return false;
  if (variables.length === 0) {
    const a = gold.expression.evaluate();
    const b = pred.expression.evaluate();
    if (a === null || b === null) return false;
    // Overflow (2^{2024}) and NaN never match; a written \infty matches the same infinity.
    if (![a.re, a.im, b.re, b.im].every(Number.isFinite))
      return gold.infinite && pred.infinite && a.re === b.re && a.im === b.im;
    return numbersEqual(a, b, rounded);
  }
  let valid = 0;
  for (let point = 0; point < SAMPLE_POINTS; point++) {
    if (budget.expired()) return false;
    const values = new Map(
      variables.map((name, v) => [name, SAMPLE_VALUES[(point + 3 * v) % SAMPLE_VALUES.length]!] as const),
    );
    const a = gold.expression.evaluate(values);
    const b = pred.expression.evaluate(values);
    if (!a || !b || ![a.re, a.im, b.re, b.im].every(Number.isFinite)) continue;
    if (!isClose(a.re, b.re, rounded ? 1e-6 : 1e-8) || !isClose(a.im, b.im, rounded ? 1e-6 : 1e-8))
      return false;
    valid++;
  }
  return valid >= MIN_VALID_POINTS;
}

const isSetLike = (list: ListValue) => list.open === "{" || list.open === "";

/** Unordered comparison: each gold element pairs with a distinct equal prediction element. */
function matchUnordered(gold: readonly ScalarValue[], pred: readonly ScalarValue[], budget: Budget): boolean {
  const used = new Set<number>();
  return gold.every((g) => {
    const index = pred.findIndex((p, i) => !used.has(i) && scalarsEqual(g, p, budget));
    if (index === -1) return false;
    used.add(index);
    return true;
  });
}

function listsEqual(gold: ListValue, pred: ListValue, budget: Budget): boolean {
  if (gold.items.length !== pred.items.length) return false;
  if (isSetLike(gold) && isSetLike(pred)) return matchUnordered(gold.items, pred.items, budget);
  // Tuples and intervals must agree on their brackets; a set against a tuple compares in written order.
  if (!isSetLike(gold) && !isSetLike(pred) && (gold.open !== pred.open || gold.close !== pred.close))
    return false;
  return gold.items.every((g, i) => scalarsEqual(g, pred.items[i]!, budget));
}

function valuesEqualWithoutEquations(
  gold: ScalarValue | ListValue,
  pred: ScalarValue | ListValue,
  budget: Budget,
) {
  if (budget.expired()) return false;
  if (gold.kind === "scalar" && pred.kind === "scalar") return scalarsEqual(gold, pred, budget);
  if (gold.kind === "list" && pred.kind === "list") return listsEqual(gold, pred, budget);
  // A lone value equals a one-element set, as math-verify wraps non-sets into singleton sets.
  const list = gold.kind === "list" ? gold : (pred as ListValue);
  const scalar = gold.kind === "scalar" ? gold : (pred as ScalarValue);
  return isSetLike(list) && list.items.length === 1 && scalarsEqual(list.items[0]!, scalar, budget);
}

/** True when `pred` is an acceptable form of `gold`. */
export function areValuesEqual(gold: MathValue, pred: MathValue, budget: Budget): boolean {
  if (gold.kind === "equation" && pred.kind === "equation") {
    const [g0, gLast] = [gold.sides[0]!, gold.sides.at(-1)!];
    const [p0, pLast] = [pred.sides[0]!, pred.sides.at(-1)!];
    return valuesEqualWithoutEquations(g0, p0, budget) && valuesEqualWithoutEquations(gLast, pLast, budget);
  }
  const g = gold.kind === "equation" ? gold.sides.at(-1)! : gold;
  const p = pred.kind === "equation" ? pred.sides.at(-1)! : pred;
  return valuesEqualWithoutEquations(g, p, budget);
}
