/**
 * Column mapping: which column is the problem, which the answer, optionally the split. Every row is
 * checked (zod) and every bad row reported, so an import is all or nothing.
 */
import { z } from "zod";
import type { RowError } from "./parse-rows";

export const columnMappingSchema = z.object({
  question: z.string().min(1, "choose the problem column"),
  answer: z.string().min(1, "choose the answer column"),
  /** "": every row is a training problem. */
  split: z.string().default(""),
});

export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export interface MappedProblem {
  split: "train" | "test";
  position: number;
  question: string;
  answer: string;
}

const problemSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "the problem is empty")
    .max(100_000, "the problem is longer than 100,000 characters"),
  answer: z
    .string()
    .trim()
    .min(1, "the answer is empty")
    .max(10_000, "the answer is longer than 10,000 characters"),
  split: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => (s === "" ? "train" : s === "validation" || s === "val" ? "test" : s))
    .pipe(z.enum(["train", "test"], { error: 'the split must be "train" or "test"' })),
});

export type MappedProblems = { ok: true; problems: MappedProblem[] } | { ok: false; errors: RowError[] };

export function mapProblems(rows: readonly Record<string, string>[], mapping: ColumnMapping): MappedProblems {
  const errors: RowError[] = [];
  const problems: MappedProblem[] = [];
  const positions = { train: 0, test: 0 };
  rows.forEach((row, index) => {
    const parsed = problemSchema.safeParse({
      question: row[mapping.question] ?? "",
      answer: row[mapping.answer] ?? "",
      split: mapping.split ? (row[mapping.split] ?? "") : "",
    });
    if (!parsed.success) {
      errors.push({ row: index + 1, message: parsed.error.issues.map((i) => i.message).join("; ") });
      return;
    }
    const { split, question, answer } = parsed.data;
    problems.push({ split, position: positions[split]++, question, answer });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, problems };
}
