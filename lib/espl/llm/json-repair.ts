/**
 * The reference's repairs for JSON written by an LLM (SPEC §8.5). Every function here is total: whatever
 * the reply holds, it returns a value and never throws.
 */
import { parsePythonJson } from "./python-json";

/**
 * Doubles every backslash that is neither preceded by a backslash nor followed by a backslash or `"`.
 * This protects LaTeX (`\frac`) but also turns valid escapes such as `\n` or `\u00e9` into literal text;
 * the reference does the same, so principles may legitimately contain a literal `\n` (SPEC §13 item 5).
 */
export function fixJsonBackslashes(text: string): string {
  return text.replace(/(?<!\\)\\(?![\\"])/g, "\\\\");
}

/**
 * Deletes `#` comments that sit outside double-quoted strings, up to (not including) the next newline.
 * Inside a string a backslash protects the next character, so `\"` does not end the string.
 */
export function removeJsonComments(text: string): string {
  let out = "";
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\" && i + 1 < text.length) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === "#") {
      const newline = text.indexOf("\n", i);
      if (newline < 0) break;
      i = newline;
      continue;
    }
    if (ch === '"') inString = true;
    out += ch;
    i++;
  }
  return out;
}

/**
 * The body the reference parses: the text after the last "```json" (the whole reply when there is none),
 * cut at the next "```". The tag is case-sensitive and a bare "```" fence is not a JSON tag.
 */
export function extractJsonBody(reply: string): string {
  const afterTag = reply.split("```json").at(-1) ?? "";
  return afterTag.split("```")[0] ?? "";
}

/**
 * `get_operations_from_json`: parse the body after the backslash fix, retry with comments removed, and
 * fall back to `[]` when both fail. The result may be any JSON value (object, number, null…): callers
 * decide what a non-list means, as the reference's callers do.
 */
export function getOperationsFromJson(reply: string): unknown {
  const fixed = fixJsonBackslashes(extractJsonBody(reply));
  try {
    return parsePythonJson(fixed);
  } catch {
    try {
      return parsePythonJson(removeJsonComments(fixed));
    } catch {
      return [];
    }
  }
}
