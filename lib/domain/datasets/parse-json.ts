/**
 * A JSON array of row objects, with the file line each element starts on, so a bad row is reported by
 * line as in JSONL and CSV. A file that is not JSON is reported at the line where reading stopped, in
 * plain words, never with the engine's parser message.
 */

/** The line each top-level array element starts on (the text is known to be valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") line++;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") continue;
    if (depth === 1 && expectValue && ch !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectValue = true;
  }
  return lines;
}

/** The line a parser error points at, where the runtime says (Node: "position N"); null when it does not. */
function errorLine(text: string, error: unknown): number | null {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!match) return null;
  const offset = Number(match[1]);
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

export type JsonArray =
  { ok: true; values: { line: number; value: unknown }[] } | { ok: false; line: number; message: string };

export function readJsonArray(text: string): JsonArray {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const line = errorLine(text, error);
    return {
      ok: false,
      line: line ?? 0,
      message: `the file is not valid JSON${line === null ? "" : ` (reading stopped on line ${line})`}: check the brackets, commas and quotes there`,
    };
  }
  if (!Array.isArray(value))
    return { ok: false, line: 0, message: "the file must be a JSON array of rows: [ {…}, {…} ]" };
  const lines = elementLines(text);
  return { ok: true, values: value.map((v, i) => ({ line: lines[i] ?? 0, value: v })) };
}
