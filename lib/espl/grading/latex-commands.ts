/**
 * LaTeX commands the answer grader understands (fractions, roots, binomials, common functions, Greek
 * letters, constants, text and font wrappers, floor/ceil) and how each becomes mathjs tokens. Any other
 * command makes the whole answer unparsed, which then only compares as a string.
 */
import { CLOSE, COMMA, call, operator, readIntegerLiteral, value, wrap } from "./latex-tokens";
import type { Token } from "./latex-tokens";

/** What a command handler may ask of the converter reading the LaTeX source. */
export interface LatexReader {
  readonly src: string;
  pos: number;
  hasFloat: boolean;
  fail(why: string): never;
  skipSpaces(): void;
  /** a braced group or one atom, self-contained; `singleDigit` as in \frac12 */
  readArgument(singleDigit?: boolean): Token[];
  /** the tokens inside `{…}` at the current position */
  readBraceGroup(): Token[];
  /** the raw text inside a `{…}` without nested braces */
  readRawBraceGroup(): string;
  /** a `(…)` group converted as a unit, parentheses included */
  readParenthesized(): Token[];
  /** `name`, extended by a simple subscript such as `_1` or `_{n}` */
  readSubscript(name: string): string;
  /** converts a separate piece of LaTeX (e.g. a root index) at the current nesting depth */
  convertNested(latex: string): string;
}

const FUNCTIONS: Record<string, string> = {
  sin: "sin",
  cos: "cos",
  tan: "tan",
  sec: "sec",
  csc: "csc",
  cot: "cot",
  arcsin: "asin",
  arccos: "acos",
  arctan: "atan",
  sinh: "sinh",
  cosh: "cosh",
  tanh: "tanh",
  ln: "log",
  // Contest answers write \log for base 10 (natural logs use \ln).
  log: "log10",
  lg: "log10",
  exp: "exp",
};
const OPERATORS: Record<string, string> = { cdot: "*", times: "*", ast: "*", div: "/" };
const CONSTANTS: Record<string, string> = { pi: "pi", infty: "Infinity", infinity: "Infinity", imath: "i" };
const GREEK = new Set(
  (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho varrho " +
    "sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
  ).split(" "),
);
const TEXT_WRAPPERS = new Set(["text", "textrm", "textbf", "textit", "textnormal", "mbox", "hbox"]);
const MATH_FONTS = new Set(["mathrm", "mathbf", "mathit", "mathsf", "mathtt", "boldsymbol", "bm"]);
const IGNORED = new Set([
  "left",
  "right",
  "displaystyle",
  "textstyle",
  "limits",
  "nolimits",
  "quad",
  "qquad",
  ",",
  ";",
  ":",
  "!",
  " ",
]);

const COMMAND = /\\([a-zA-Z]+|.)/y;
const SIZING = /^[Bb]igg?[lrm]?$/;
const DIGIT = /\d/;
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;
const SPACES = /\s+/g;
const WORD = /^[a-z0-9]+$/;

/** `\frac{a}{b}`; "3\frac{1}{2}" right after an integer is the mixed number 3½. */
function readFraction(reader: LatexReader, out: Token[], commandStart: number): void {
  const numerator = reader.readArgument();
  const denominator = reader.readArgument();
  const quotient = wrap([...numerator, operator("/"), ...denominator]);
  const previous = out.at(-1);
  const mixed =
    previous !== undefined &&
    readIntegerLiteral([previous]) !== null &&
    DIGIT.test(reader.src[commandStart - 1] ?? "") &&
    readIntegerLiteral(numerator) !== null &&
    readIntegerLiteral(denominator) !== null;
  if (!mixed) {
    out.push(...quotient);
    return;
  }
  out.pop();
  out.push(...wrap([previous, operator("+"), ...quotient]));
}

/** `\sqrt{x}` or `\sqrt[n]{x}` (the real n-th root, so \sqrt[3]{-8} = -2). */
function readRoot(reader: LatexReader, out: Token[]): void {
  reader.skipSpaces();
  if (reader.src[reader.pos] !== "[") {
    out.push(call("sqrt"), ...reader.readArgument(), CLOSE);
    return;
  }
  const close = reader.src.indexOf("]", reader.pos);
  if (close === -1) reader.fail("missing ]");
  const index = reader.convertNested(reader.src.slice(reader.pos + 1, close));
  reader.pos = close + 1;
  out.push(call("nthRoot"), ...reader.readArgument(), COMMA, value(`(${index})`), CLOSE);
}

/** `\sin x`, `\sin^2(x)`, `\log_2 8`, `\ln(x)`: optional power, optional base, then the argument. */
function readFunction(reader: LatexReader, out: Token[], fn: string): void {
  reader.skipSpaces();
  let power: Token[] | null = null;
  let base: Token[] | null = null;
  for (let k = 0; k < 2; k++) {
    const next = reader.src[reader.pos];
    if (next === "^" && !power) {
      reader.pos++;
      power = reader.readArgument(false);
    } else if (next === "_" && fn === "log10" && !base) {
      reader.pos++;
      base = reader.readArgument(false);
    }
    reader.skipSpaces();
  }
  const argument = reader.src[reader.pos] === "(" ? reader.readParenthesized() : reader.readArgument(false);
  const applied = base ? [call("log"), ...argument, COMMA, ...base, CLOSE] : [call(fn), ...argument, CLOSE];
  out.push(...(power ? [...wrap(applied), operator("^"), ...power] : applied));
}

/** `\text{…}`: a number, or words that act as one symbol (e.g. \text{Alice}). */
function readText(reader: LatexReader, out: Token[]): void {
  const content = reader.readRawBraceGroup().trim();
  if (content === "") return;
  if (NUMBER_TEXT.test(content)) {
    if (content.includes(".")) reader.hasFloat = true;
    out.push(value(content));
    return;
  }
  const word = content.toLowerCase().replace(SPACES, "");
  if (!WORD.test(word)) reader.fail("unsupported text");
  out.push(value(`v_${word}`));
}

/** Reads the command at `reader.pos` (which holds a backslash) and appends its tokens to `out`. */
export function readCommand(reader: LatexReader, out: Token[]): void {
  COMMAND.lastIndex = reader.pos;
  const m = COMMAND.exec(reader.src);
  if (!m) reader.fail("bad command");
  const name = m[1]!;
  const start = reader.pos;
  reader.pos += m[0].length;

  if (IGNORED.has(name) || SIZING.test(name)) return;
  if (name === "frac") return readFraction(reader, out, start);
  if (name === "sqrt") return readRoot(reader, out);
  if (name === "binom") {
    const n = reader.readArgument();
    out.push(call("binom"), ...n, COMMA, ...reader.readArgument(), CLOSE);
    return;
  }
  const fn = name === "operatorname" ? FUNCTIONS[reader.readRawBraceGroup().trim()] : FUNCTIONS[name];
  if (fn) return readFunction(reader, out, fn);
  if (OPERATORS[name]) out.push(operator(OPERATORS[name]));
  else if (CONSTANTS[name]) out.push(value(CONSTANTS[name]));
  else if (GREEK.has(name)) out.push(value(reader.readSubscript(`v_${name}`)));
  else if (name === "lfloor" || name === "lceil") out.push(call(name === "lfloor" ? "floor" : "ceil"));
  else if (name === "rfloor" || name === "rceil") out.push(CLOSE);
  else if (TEXT_WRAPPERS.has(name)) readText(reader, out);
  else if (MATH_FONTS.has(name)) {
    reader.skipSpaces();
    const group = reader.readBraceGroup();
    if (group.length > 0) out.push(...wrap(group));
  } else reader.fail(`unsupported command \\${name}`);
}
