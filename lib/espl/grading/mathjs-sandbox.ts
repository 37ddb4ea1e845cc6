/**
 * The only place mathjs is touched. Sources come from latex-to-mathjs or from plain-number/arithmetic
 * matches, but the parsed tree is still checked against a whitelist (operators, a few functions,
 * pi/e/i/Infinity and `v_*` variables) before it is compiled, and evaluation errors become null.
 */
import { all, create } from "mathjs";
import type { MathJsInstance, MathNode } from "mathjs";

/** A value as a complex number; real answers have im = 0. */
export interface ComplexValue {
  re: number;
  im: number;
}

export interface CompiledExpression {
  /** `v_*` names, sorted */
  readonly variables: readonly string[];
  /** null when evaluation throws or yields something that is not a (complex) number */
  evaluate(variables?: ReadonlyMap<string, number>): ComplexValue | null;
}

const MAX_SOURCE_LENGTH = 4000;
const MAX_NODES = 400;
const MAX_BINOMIAL_STEPS = 10_000;

const OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "factorial",
]);
const FUNCTIONS = new Set([
  ...["sqrt", "nthRoot", "abs", "floor", "ceil", "exp", "log", "log10", "binom"],
  ...["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh"],
]);
const CONSTANTS = new Set(["pi", "e", "i", "Infinity"]);
const VARIABLE = /^v_[A-Za-z0-9_]+$/;

let instance: MathJsInstance | null = null;
// mathjs types `all` as possibly undefined; the package always provides it.
const getMath = () => (instance ??= create(all!, {}));

/** n choose k without mathjs' unbounded loop; huge or non-integer arguments give NaN. */
function binomial(n: unknown, k: unknown): number {
  if (typeof n !== "number" || typeof k !== "number" || !Number.isInteger(n) || !Number.isInteger(k))
    return NaN;
  if (k < 0 || k > n) return 0;
  const steps = Math.min(k, n - k);
  if (steps > MAX_BINOMIAL_STEPS) return NaN;
  let result = 1;
  for (let j = 1; j <= steps; j++) result = (result * (n - steps + j)) / j;
  return Math.round(result);
}

/** Variables of an accepted tree, or null when it contains anything outside the whitelist. */
function checkTree(root: MathNode): string[] | null {
  const variables = new Set<string>();
  let count = 0;
  let allowed = true;
  root.traverse((node, path) => {
    count++;
    if (!allowed) return;
    switch (node.type) {
      case "ConstantNode":
        allowed = typeof (node as MathNode & { value: unknown }).value === "number";
        break;
      case "ParenthesisNode":
        break;
      case "OperatorNode":
        allowed = OPERATORS.has((node as MathNode & { fn: string }).fn);
        break;
      case "FunctionNode":
        allowed = FUNCTIONS.has((node as MathNode & { fn: { name: string } }).fn.name);
        break;
      case "SymbolNode": {
        const name = (node as MathNode & { name: string }).name;
        // The callee of a FunctionNode is visited as a SymbolNode under the path "fn".
        if (path === "fn") allowed = FUNCTIONS.has(name);
        else if (VARIABLE.test(name)) variables.add(name);
        else allowed = CONSTANTS.has(name);
        break;
      }
      default:
        allowed = false;
    }
  });
  return allowed && count <= MAX_NODES ? [...variables].sort() : null;
}

function toComplex(value: unknown): ComplexValue | null {
  if (typeof value === "number") return { re: value, im: 0 };
  if (value !== null && typeof value === "object" && "re" in value && "im" in value) {
    const { re, im } = value as { re: unknown; im: unknown };
    if (typeof re === "number" && typeof im === "number") return { re, im };
  }
  return null;
}

function compileUncached(source: string): CompiledExpression | null {
  if (source.length > MAX_SOURCE_LENGTH) return null;
  let root: MathNode;
  try {
    root = getMath().parse(source);
  } catch {
    return null;
  }
  const variables = checkTree(root);
  if (!variables) return null;
  const code = root.compile();
  const evaluate = (values: ReadonlyMap<string, number> = new Map()) => {
    try {
      const scope = new Map<string, unknown>(values);
      scope.set("binom", binomial);
      return toComplex(code.evaluate(scope));
    } catch {
      return null;
    }
  };
  if (variables.length > 0) return { variables, evaluate };
  // Without variables the value never changes (every whitelisted function is pure): compute it once.
  let constant: ComplexValue | null | undefined;
  return {
    variables,
    evaluate: (values) =>
      values ? evaluate(values) : constant === undefined ? (constant = evaluate()) : constant,
  };
}

/**
 * Ground truths and common answers recur across completions, and mathjs' parse and compile dominate
 * their grading; compiled expressions are immutable, so they are kept (oldest dropped first). Only short
 * sources, which are the ones that recur, so that the cache stays small.
 */
const MAX_CACHED = 2048;
const MAX_CACHED_SOURCE_LENGTH = 200;
const compiled = new Map<string, CompiledExpression | null>();

/** Parses, checks and compiles `source`; null when it does not parse or is not allowed. */
export function compileExpression(source: string): CompiledExpression | null {
  if (source.length > MAX_CACHED_SOURCE_LENGTH) return compileUncached(source);
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const result = compileUncached(source);
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(source, result);
  return result;
}
