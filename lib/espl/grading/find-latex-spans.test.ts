import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findBoxed } from "./find-latex-spans";

/**
 * The plain definition findBoxed must agree with: match every "{" of the whole text to its "}" with one
 * brace stack (a backslash escapes the next character), then keep the boxes whose "{" was closed.
 */
function findBoxedByDefinition(text: string) {
  const closing = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "{") open.push(i);
    else if (text[i] === "}" && open.length > 0) closing.set(open.pop()!, i);
  }
  const found: { start: number; end: number; content: string }[] = [];
  for (const m of text.matchAll(/\\(?:boxed|fbox)\s*(?=\{)/g)) {
    const brace = m.index + m[0].length;
    const close = closing.get(brace);
    if (close !== undefined)
      found.push({ start: m.index, end: close + 1, content: text.slice(brace + 1, close) });
  }
  return found.slice(-50);
}

describe("findBoxed", () => {
  test("nested, escaped, unclosed and spaced boxes", () => {
    const text = "\\{ \\boxed{a{b}\\}c} \\fbox {2} \\boxed{x \\boxed{3}} \\\\boxed{4} \\boxed{open";
    expect(findBoxed(text).map((b) => b.content)).toEqual(["a{b}\\}c", "2", "x \\boxed{3}", "3", "4"]);
  });

  test("agrees with the whole-text brace matching on generated texts", () => {
    const piece = fc.constantFrom("\\boxed", "\\fbox", " ", "{", "}", "\\", "\\{", "\\}", "x", "1", "\\\\");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(findBoxed(text)).toEqual(findBoxedByDefinition(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("keeps the last 50 boxes", () => {
    const text = Array.from({ length: 60 }, (_, i) => `\\boxed{${i}}`).join(" ");
    const found = findBoxed(text);
    expect(found).toHaveLength(50);
    expect(found[0]!.content).toBe("10");
  });
});
