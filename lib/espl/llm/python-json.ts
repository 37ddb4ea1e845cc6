/**
 * A JSON reader that accepts exactly what Python's `json.loads` accepts, so LLM replies parse the same way
 * they did in the reference. It differs from `JSON.parse` only in taking the `NaN`, `Infinity` and
 * `-Infinity` literals (SPEC §13 item 30). Values come back as plain JS values; two Python details cannot
 * survive that (documented deviations): `1.0` and `1` both become the number 1, and integer-like object
 * keys are reordered by the JS engine.
 */

/** Python's `json.JSONDecodeError`; `pos` is the character offset where reading stopped. */
export class JsonDecodeError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(`${message} (char ${pos})`);
    this.name = "JSONDecodeError";
  }
}

const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const HEX4_PATTERN = /^[0-9a-fA-F]{4}$/;
/**
 * Python raises RecursionError near its recursion limit (1000 frames); we stop a little earlier with a
 * decode error instead, so a pathological reply can never overflow the JS stack.
 */
const MAX_DEPTH = 900;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Parses `text` like Python's `json.loads(text)`; throws `JsonDecodeError` where Python would. */
export function parsePythonJson(text: string): unknown {
  const reader = new Reader(text);
  reader.skipWhitespace();
  const value = reader.readValue();
  reader.skipWhitespace();
  if (reader.pos !== text.length) throw new JsonDecodeError("Extra data", reader.pos);
  return value;
}

class Reader {
  pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r") return;
      this.pos++;
    }
  }

  readValue(): unknown {
    const ch = this.text[this.pos];
    if (ch === '"') return this.readString();
    if (ch === "{" || ch === "[") {
      if (++this.depth > MAX_DEPTH) throw new JsonDecodeError("Nesting too deep", this.pos);
      const container = ch === "{" ? this.readObject() : this.readArray();
      this.depth--;
      return container;
    }
    if (this.takeLiteral("null")) return null;
    if (this.takeLiteral("true")) return true;
    if (this.takeLiteral("false")) return false;
    NUMBER_PATTERN.lastIndex = this.pos;
    const match = NUMBER_PATTERN.exec(this.text);
    if (match) {
      this.pos += match[0].length;
      return Number(match[0]);
    }
    // Python's scanner tries these only after a number failed to match (so "-Infinity" lands here).
    if (this.takeLiteral("NaN")) return NaN;
    if (this.takeLiteral("Infinity")) return Infinity;
    if (this.takeLiteral("-Infinity")) return -Infinity;
    throw new JsonDecodeError("Expecting value", this.pos);
  }

  private takeLiteral(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  private readString(): string {
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) throw new JsonDecodeError("Unterminated string starting at", start);
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        out += this.readEscape(start);
        continue;
      }
      // strict=True (the default) rejects raw control characters inside strings, as JSON.parse does.
      if (ch.charCodeAt(0) < 0x20) throw new JsonDecodeError("Invalid control character at", this.pos);
      out += ch;
      this.pos++;
    }
  }

  private readEscape(stringStart: number): string {
    const esc = this.text[this.pos + 1];
    if (esc === undefined) throw new JsonDecodeError("Unterminated string starting at", stringStart);
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (esc !== "u") throw new JsonDecodeError("Invalid \\escape", this.pos);
    const hex = this.text.slice(this.pos + 2, this.pos + 6);
    if (!HEX4_PATTERN.test(hex)) throw new JsonDecodeError("Invalid \\uXXXX escape", this.pos);
    this.pos += 6;
    // Surrogate pairs and lone surrogates both map onto UTF-16 code units unchanged, so no pairing logic
    // is needed to reproduce Python's result.
    return String.fromCharCode(parseInt(hex, 16));
  }

  private readObject(): Record<string, unknown> {
    const start = this.pos;
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.text[this.pos] !== '"')
        throw new JsonDecodeError("Expecting property name enclosed in double quotes", this.pos);
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") throw new JsonDecodeError("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw new JsonDecodeError("Expecting value", this.pos);
      const value = this.readValue();
      // defineProperty keeps "__proto__" an ordinary key; a repeated key keeps its first position and
      // takes the last value, like a Python dict.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      this.skipWhitespace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === "}") return out;
      if (ch !== ",") throw new JsonDecodeError("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw new JsonDecodeError("Unterminated object starting at", start);
    }
  }

  private readArray(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.readValue());
      this.skipWhitespace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === "]") return out;
      if (ch !== ",") throw new JsonDecodeError("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
    }
  }
}
