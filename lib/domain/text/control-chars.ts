/**
 * Control characters in text we store. PostgreSQL refuses NUL in text and jsonb (SQLSTATE 22021 /
 * 22P05), which used to surface as "Internal error"; the other C0 controls (save tab, newline and
 * carriage return) are invisible in the dashboard and almost always a sign of a broken file. Text a
 * user types or uploads is refused with a message naming where the character is; text copied from an
 * imported run is cleaned instead (one stray byte should not refuse a whole run), and the import says so.
 */
import { z } from "zod";

// C0 controls except \t (09), \n (0A), \r (0D).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** The first control character's position and code, or null when the text has none. */
export function findControlChar(text: string): { index: number; code: string } | null {
  const match = CONTROL.exec(text);
  if (!match) return null;
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return { index: match.index, code };
}

/** "the name contains a control character (U+0000 at character 5)": the words every refusal uses. */
export function controlCharMessage(what: string, text: string): string | null {
  const found = findControlChar(text);
  return found
    ? `${what} contains a control character (${found.code} at character ${found.index + 1}); remove it`
    : null;
}

/** A zod check for a string field: refuses control characters, naming the field. */
export function refuseControlChars(what: string) {
  return (text: string, context: z.core.$RefinementCtx<string>) => {
    const message = controlCharMessage(what, text);
    if (message) context.addIssue({ code: "custom", message, input: text });
  };
}

/** `z.string()` that refuses control characters, naming the field in its message. */
export const plainText = (what: string) => z.string().superRefine(refuseControlChars(what));

/** Text with its control characters removed, and how many there were (imported model output). */
export function stripControlChars(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(CONTROL_ALL, () => {
    removed++;
    return "";
  });
  return { text: cleaned, removed };
}

/**
 * Every string inside a parsed JSON value with its control characters removed (keys too), and how
 * many were removed in all. Returns the same value when there were none, so clean files cost no copy.
 */
export function stripControlCharsDeep<T>(value: T): { value: T; removed: number } {
  let removed = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const out = stripControlChars(v);
      removed += out.removed;
      return out.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    return v;
  };
  const cleaned = walk(value);
  return removed === 0 ? { value, removed } : { value: cleaned as T, removed };
}
