/**
 * Tolerant readers: a missing, unreadable or invalid file is recorded in the problem list and yields
 * nothing; it never throws. JSONL is read line by line (node:readline), so a file of any size costs one
 * line of memory, and a bad line loses only itself.
 */
import "server-only";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { z } from "zod";
import { stripControlChars, stripControlCharsDeep } from "@/lib/domain/text/control-chars";
import type { ProblemList } from "./problems";

// In JSON source a control character can only be an escape (a raw one is invalid JSON), so this cheap
// test on the text decides whether the parsed value needs the deep clean.
const ESCAPED_CONTROL = /\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])/;

const removedNote = (count: number, where = "") =>
  `${count} control character${count === 1 ? "" : "s"} (e.g. NUL) removed${where}; PostgreSQL cannot store them`;

/** The parsed JSON value with control characters removed from its strings (see lib/domain/text/control-chars.ts). */
function cleanJson(raw: string, value: unknown): { value: unknown; removed: number } {
  return ESCAPED_CONTROL.test(raw) ? stripControlCharsDeep(value) : { value, removed: 0 };
}

export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(value)"}: ${i.message}`)
    .join("; ");
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; reason: string } {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: describeIssues(parsed.error) };
}

/** The file's text, or null (recorded) when it is missing or unreadable; `optional` files may be absent. */
export async function readTextFile(
  path: string,
  problems: ProblemList,
  options: { optional?: boolean } = {},
): Promise<string | null> {
  try {
    const cleaned = stripControlChars(await readFile(path, "utf8"));
    if (cleaned.removed > 0) problems.add(path, removedNote(cleaned.removed));
    return cleaned.text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && options.optional) return null;
    problems.add(path, code === "ENOENT" ? "file is missing" : `cannot read: ${(error as Error).message}`);
    return null;
  }
}

export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  problems: ProblemList,
  options: { optional?: boolean } = {},
): Promise<z.output<S> | null> {
  const text = await readTextFile(path, problems, options);
  if (text === null) return null;
  let value: unknown;
  try {
    const cleaned = cleanJson(text, JSON.parse(text));
    if (cleaned.removed > 0) problems.add(path, removedNote(cleaned.removed));
    value = cleaned.value;
  } catch (error) {
    problems.add(path, `not valid JSON: ${(error as Error).message}`);
    return null;
  }
  const parsed = parseWith(schema, value);
  if (parsed.ok) return parsed.value;
  problems.add(path, `unexpected content: ${parsed.reason}`);
  return null;
}

/** Every valid line of a JSONL file, in order; bad lines are recorded with their line number. */
export async function* readJsonlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  problems: ProblemList,
  options: { optional?: boolean } = {},
): AsyncGenerator<z.output<S>> {
  if (!(await fileExists(path))) {
    if (!options.optional) problems.add(path, "file is missing");
    return;
  }
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let number = 0;
  const removed = { characters: 0, lines: 0 };
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() === "") continue;
      let value: unknown;
      try {
        const cleaned = cleanJson(line, JSON.parse(line));
        value = cleaned.value;
        removed.characters += cleaned.removed;
        if (cleaned.removed > 0) removed.lines++;
      } catch {
        problems.add(path, `line ${number}: not valid JSON (truncated?); line skipped`);
        continue;
      }
      const parsed = parseWith(schema, value);
      if (parsed.ok) yield parsed.value;
      else problems.add(path, `line ${number}: ${parsed.reason}; line skipped`);
    }
  } catch (error) {
    problems.add(path, `cannot read: ${(error as Error).message}`);
  } finally {
    lines.close();
    if (removed.characters > 0)
      problems.add(
        path,
        removedNote(removed.characters, ` from ${removed.lines} line${removed.lines === 1 ? "" : "s"}`),
      );
  }
}

export async function readAllJsonl<S extends z.ZodType>(
  path: string,
  schema: S,
  problems: ProblemList,
  options: { optional?: boolean } = {},
): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for await (const item of readJsonlFile(path, schema, problems, options)) out.push(item);
  return out;
}
