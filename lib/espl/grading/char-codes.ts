/**
 * Character tests on UTF-16 code units, used by the scanners instead of one-character regular expressions
 * (`/\s/.test(text[i])`), which allocate a string per test on the hot path. Each one accepts exactly what
 * the regular expression it replaces accepts; NaN (charCodeAt past the end) is never accepted, as
 * `/\s/.test("")` is false.
 */

/** Exactly JavaScript's `\s`: WhiteSpace and LineTerminator code points (all in the BMP). */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `\d` (ASCII digits only, as in JavaScript without the `v` flag's Unicode classes). */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export const CODE = {
  newline: 10,
  dollar: 36,
  percent: 37,
  openParen: 40,
  closeParen: 41,
  star: 42,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  slash: 47,
  colon: 58,
  equals: 61,
  openBracket: 91,
  backslash: 92,
  closeBracket: 93,
  caret: 94,
  openBrace: 123,
  closeBrace: 125,
  times: 0xd7,
  divide: 0xf7,
} as const;
