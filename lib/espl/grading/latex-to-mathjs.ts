/**
 * Converts one LaTeX math expression (no top-level commas, relations or sets; see parse-answer.ts) into
 * mathjs source text. The output only ever contains numbers, whitelisted function names, the constants
 * pi/e/i/Infinity and variables spelled `v_<name>`, so untrusted model output can never reach mathjs
 * features such as units, assignments or `import`. LaTeX reads `xy` as x·y, so every letter is its own
 * variable (`e` and `i` are Euler's number and the imaginary unit).
 */
import { isSpaceCode } from "./char-codes";
import { readCommand } from "./latex-commands";
import type { LatexReader } from "./latex-commands";
import { CLOSE, ConversionError, OPEN, call, joinTokens, operator, value, wrap } from "./latex-tokens";
import type { Token } from "./latex-tokens";

export interface ConvertedExpression {
  source: string;
  /** a decimal literal appears; math-verify then compares numbers rounded to 6 decimals */
  hasFloat: boolean;
}

const MAX_LATEX_LENGTH = 1000;
const MAX_NESTING = 40;
const NUMBER = /\d+(?:\.\d+)?|\.\d+/y;
const STARTS_NUMBER = /[\d.]/;
const LETTER = /[a-zA-Z]/;
const LEADING_DIGIT = /^\d/;
const SIGNED_OPERAND_START = /[\w\\{.]/;
const SUBSCRIPT = /^[a-zA-Z0-9]+$/;

const UNICODE: Record<string, Token> = {
  π: value("pi"),
  "∞": value("Infinity"),
  "×": operator("*"),
  "·": operator("*"),
  "÷": operator("/"),
  "−": operator("-"),
};

class LatexConverter implements LatexReader {
  pos = 0;
  hasFloat = false;

  constructor(
    readonly src: string,
    private depth = 0,
  ) {}

  convert(): string {
    const tokens = this.readSequence(null);
    if (tokens.length === 0) this.fail("empty expression");
    return joinTokens(tokens);
  }

  fail(why: string): never {
    throw new ConversionError(`${why} at ${this.pos}`);
  }

  skipSpaces(): void {
    while (isSpaceCode(this.src.charCodeAt(this.pos))) this.pos++;
  }

  /** Tokens up to `closer` (left unread) or the end of the input. */
  private readSequence(closer: "}" | null): Token[] {
    if (++this.depth > MAX_NESTING) this.fail("nesting too deep");
    const out: Token[] = [];
    let parens = 0;
    const openAbs: number[] = [];
    for (this.skipSpaces(); this.pos < this.src.length; this.skipSpaces()) {
      const c = this.src[this.pos]!;
      if (c === closer) break;
      if (c === "(" || c === "[") {
        parens++;
        this.pos++;
        out.push(OPEN);
      } else if (c === ")" || c === "]") {
        if (--parens < 0) this.fail("unbalanced bracket");
        this.pos++;
        out.push(CLOSE);
      } else if (c === "|") {
        // |…| is an absolute value; the second bar at the same bracket depth closes it.
        this.pos++;
        if (openAbs.at(-1) === parens) {
          openAbs.pop();
          out.push(CLOSE);
        } else {
          openAbs.push(parens);
          out.push(call("abs"));
        }
      } else {
        this.readAtom(out, false);
      }
    }
    if (parens !== 0 || openAbs.length > 0) this.fail("unbalanced bracket");
    this.depth--;
    return out;
  }

  /**
   * The operand of \frac, ^, \sqrt…: a braced group or a single atom, always returned self-contained (a
   * lone value or parenthesised). \frac12 takes one digit per operand as LaTeX does, but an exponent
   * takes the whole number (2^10 = 1024, as sympy's LaTeX parser reads it). A leading sign is accepted.
   */
  readArgument(singleDigit = true): Token[] {
    this.skipSpaces();
    const out: Token[] = [];
    const sign = this.src[this.pos];
    if ((sign === "-" || sign === "+") && SIGNED_OPERAND_START.test(this.src[this.pos + 1] ?? "")) {
      this.pos++;
      out.push(operator(sign));
    }
    const braced = this.src[this.pos] === "{";
    this.readAtom(out, singleDigit);
    if (out.length === 1 && out[0]!.kind === "value") return out;
    return braced && out[0]?.kind === "open" ? out : wrap(out);
  }

  readBraceGroup(): Token[] {
    if (this.src[this.pos] !== "{") this.fail("expected {");
    this.pos++;
    const inner = this.readSequence("}");
    if (this.src[this.pos] !== "}") this.fail("missing }");
    this.pos++;
    return inner;
  }

  readRawBraceGroup(): string {
    this.skipSpaces();
    if (this.src[this.pos] !== "{") this.fail("expected {");
    const close = this.src.indexOf("}", this.pos);
    if (close === -1 || this.src.slice(this.pos + 1, close).includes("{")) this.fail("unsupported group");
    const content = this.src.slice(this.pos + 1, close);
    this.pos = close + 1;
    return content;
  }

  readParenthesized(): Token[] {
    let level = 0;
    for (let i = this.pos; i < this.src.length; i++) {
      if (this.src[i] === "(") level++;
      else if (this.src[i] === ")" && --level === 0) {
        const inner = new LatexConverter(this.src.slice(this.pos + 1, i), this.depth);
        const tokens = inner.readSequence(null);
        this.hasFloat ||= inner.hasFloat;
        this.pos = i + 1;
        return wrap(tokens);
      }
    }
    return this.fail("missing )");
  }

  /** `x_1`, `x_{12}` and `a_{n}` become one variable name; anything fancier is not an answer we grade. */
  readSubscript(name: string): string {
    if (this.src[this.pos] !== "_") return name;
    this.pos++;
    const raw = this.src[this.pos] === "{" ? this.readRawBraceGroup() : (this.src[this.pos++] ?? "");
    if (!SUBSCRIPT.test(raw)) this.fail("unsupported subscript");
    return `${name.startsWith("v_") ? name : `v_${name}`}_${raw}`;
  }

  convertNested(latex: string): string {
    const nested = new LatexConverter(latex, this.depth);
    const source = nested.convert();
    this.hasFloat ||= nested.hasFloat;
    return source;
  }

  private readAtom(out: Token[], singleDigit: boolean): void {
    const c = this.src[this.pos];
    if (c === undefined) this.fail("missing argument");
    if (STARTS_NUMBER.test(c)) return this.readNumber(out, singleDigit);
    if (c === "\\") return readCommand(this, out);
    if (c === "{") {
      const group = this.readBraceGroup();
      if (group.length > 0) out.push(...wrap(group));
      return;
    }
    this.pos++;
    if (LETTER.test(c)) out.push(value(this.readSubscript(c === "e" || c === "i" ? c : `v_${c}`)));
    else if ("+-*/".includes(c)) out.push(operator(c));
    else if (c === "^") out.push(operator("^"), ...this.readArgument(false));
    else if (c === "!" && this.src[this.pos] !== "=") out.push({ kind: "postfix", text: "!" });
    else if (UNICODE[c]) out.push(UNICODE[c]);
    else if (c === "√") out.push(call("sqrt"), ...this.readArgument(), CLOSE);
    else this.fail(`unsupported character ${JSON.stringify(c)}`);
  }

  private readNumber(out: Token[], singleDigit: boolean): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.src);
    if (!m) this.fail("bad number");
    const text = singleDigit && LEADING_DIGIT.test(m[0]) ? m[0][0]! : m[0];
    if (text.includes(".")) this.hasFloat = true;
    this.pos += text.length;
    out.push(value(text));
  }
}

/** mathjs source for one LaTeX expression, or null when it uses anything this grader does not model. */
export function convertLatexToMathjs(latex: string): ConvertedExpression | null {
  if (latex.length > MAX_LATEX_LENGTH) return null;
  try {
    const converter = new LatexConverter(latex);
    const source = converter.convert();
    return { source, hasFloat: converter.hasFloat };
  } catch (error) {
    if (error instanceof ConversionError || error instanceof RangeError) return null;
    throw error;
  }
}
