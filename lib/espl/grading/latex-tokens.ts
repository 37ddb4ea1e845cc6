/**
 * Output tokens of the LaTeX → mathjs conversion. Joining them makes every multiplication explicit,
 * because mathjs would read `v_x (3)` as a call while LaTeX means x·3.
 */

export type TokenKind = "value" | "call" | "open" | "close" | "operator" | "postfix" | "separator";

export interface Token {
  kind: TokenKind;
  text: string;
}

/** Raised for input the converter does not model; the caller turns it into "no value". */
export class ConversionError extends Error {}

export const value = (text: string): Token => ({ kind: "value", text });
export const call = (fn: string): Token => ({ kind: "call", text: `${fn}(` });
export const operator = (text: string): Token => ({ kind: "operator", text });
export const OPEN: Token = { kind: "open", text: "(" };
export const CLOSE: Token = { kind: "close", text: ")" };
export const COMMA: Token = { kind: "separator", text: "," };

export const wrap = (inner: readonly Token[]): Token[] => [OPEN, ...inner, CLOSE];

const ENDS_OPERAND = new Set<TokenKind>(["value", "close", "postfix"]);
const STARTS_OPERAND = new Set<TokenKind>(["value", "call", "open"]);

/** mathjs source text, with "*" wherever an operand directly follows another. */
export function joinTokens(tokens: readonly Token[]): string {
  const parts: string[] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (previous && ENDS_OPERAND.has(previous.kind) && STARTS_OPERAND.has(token.kind)) parts.push("*");
    parts.push(token.text);
  });
  return parts.join(" ");
}

const DIGITS = /^\d+$/;

/** The literal when `tokens` is just an integer, possibly inside redundant parentheses. */
export function readIntegerLiteral(tokens: readonly Token[]): string | null {
  let from = 0;
  let to = tokens.length;
  while (to - from > 1 && tokens[from]?.kind === "open" && tokens[to - 1]?.kind === "close") {
    from++;
    to--;
  }
  const only = to - from === 1 ? tokens[from] : undefined;
  return only?.kind === "value" && DIGITS.test(only.text) ? only.text : null;
}
