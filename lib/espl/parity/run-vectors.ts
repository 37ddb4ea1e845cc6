import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import { findChecker } from "./registry";
import type { CaseChecker, ParityCase } from "./types";

const caseSchema = z.object({
  input: z.unknown(),
  expected: z.unknown(),
  ill_conditioned: z.boolean().optional(),
});
const fileSchema = z.array(caseSchema);

export interface FileReport {
  file: string;
  passed: number;
  failed: number;
  /** The first few failures, each "case #i: what differed". */
  failures: string[];
}

const MAX_REPORTED_FAILURES = 5;

/** Runs every case of one vectors file. Unknown files and malformed JSON count as one failure each. */
export async function runVectorsFile(path: string): Promise<FileReport> {
  const stem = basename(path, ".json");
  const report: FileReport = { file: basename(path), passed: 0, failed: 0, failures: [] };
  const note = (msg: string) => {
    report.failed++;
    if (report.failures.length < MAX_REPORTED_FAILURES) report.failures.push(msg);
  };
  const load = findChecker(stem);
  if (!load) {
    note(`no checker for "${stem}"`);
    return report;
  }
  let cases: ParityCase[];
  try {
    cases = fileSchema.parse(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    note(`unreadable vectors file: ${error instanceof Error ? error.message : String(error)}`);
    return report;
  }
  let check: CaseChecker;
  try {
    ({ check } = await load());
  } catch (error) {
    note(`checker for "${stem}" failed to load: ${error instanceof Error ? error.message : String(error)}`);
    return report;
  }
  for (const [i, testCase] of cases.entries()) {
    try {
      const result = await check(testCase);
      if (result.ok) report.passed++;
      else note(`case #${i}: ${result.message}`);
    } catch (error) {
      note(`case #${i}: threw ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return report;
}

export async function listVectorsFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => join(dir, n));
}
