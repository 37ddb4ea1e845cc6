/**
 * Python's `repr()` and `str()` for JSON-like values. The reference pastes Python reprs of lists and dicts
 * into its mutation prompts (SPEC §13 item 4), and the parity vectors compare those slots exactly.
 *
 * Numbers: JS cannot tell `1` from `1.0`, so integral numbers print as Python ints and all others as
 * Python floats (a reply's `1.0` therefore prints as `1`; documented deviation).
 */
import { PyDict } from "./python-dict";
import type { PyKey } from "./python-dict";

/**
 * Everything reprString may have to escape: both quotes (only the chosen one is), the backslash, and the
 * characters Python's `str.isprintable()` rejects (categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs) but the space.
 */
const ESCAPED = /['"\\]|(?! )[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/gu;

/** `repr(value)` as Python prints it; arrays are lists, plain objects and `PyDict`s are dicts. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return reprNumber(value);
  if (typeof value === "string") return reprString(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (value instanceof PyDict) return reprEntries(value.entries());
  if (typeof value === "object") return reprEntries(Object.entries(value));
  return reprString(String(value));
}

/** `str(value)`: strings are themselves, everything else prints as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value);
}

function reprEntries(entries: Iterable<readonly [unknown, unknown]>): string {
  const parts: string[] = [];
  for (const [k, v] of entries) parts.push(`${pyRepr(k)}: ${pyRepr(v)}`);
  return `{${parts.join(", ")}}`;
}

/**
 * Python's string repr: single quotes unless the text contains `'` and no `"`; the chosen quote, `\\`,
 * `\t`, `\n`, `\r` are escaped; other non-printable characters become `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
 */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  // One regex pass over the whole string: prompts paste long trajectories, and testing each character
  // separately dominated a mutation's engine time.
  const escaped = text.replace(ESCAPED, (ch) => {
    if (ch === "\\") return "\\\\";
    if (ch === "\t") return "\\t";
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    if (ch === "'" || ch === '"') return ch === quote ? `\\${ch}` : ch;
    return escapeCodePoint(ch.codePointAt(0)!);
  });
  return quote + escaped + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

function reprNumber(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Number.isInteger(x)) return BigInt(x).toString();
  return reprFloat(x);
}

/**
 * Python's float repr: the shortest round-tripping digits (JS finds the same ones), written in fixed
 * notation when the decimal exponent is in [-4, 16) and in scientific notation (`1e-05`, `1.5e+16`)
 * otherwise; fixed notation always shows a fractional part (`2.0`).
 */
export function reprFloat(x: number): string {
  if (!Number.isFinite(x)) return reprNumber(x);
  if (Object.is(x, -0)) return "-0.0";
  const [mantissa = "", expText = "0"] = x.toExponential().split("e");
  const exponent = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const point = exponent + 1;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** How Python's `json.dumps` writes a dict key: str as is, int/float via repr, True/False/None as JSON. */
export function pyJsonKey(key: PyKey): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  if (Number.isNaN(key)) return "NaN";
  if (key === Infinity) return "Infinity";
  if (key === -Infinity) return "-Infinity";
  return reprNumber(key);
}

/**
 * A dict's entries as the JSON object `json.dumps` would write. Beware: a JS object reorders
 * integer-like keys, so write the entries yourself where that order matters.
 */
export function pyEntriesToJsonObject(
  entries: readonly (readonly [PyKey, unknown])[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, pyJsonKey(k), {
      value: v,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return out;
}
