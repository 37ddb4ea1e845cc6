/**
 * Column mapping: which column is the problem, which the answer, optionally the split. Every row is
 * checked (zod) and every bad row reported, so an import is all or nothing.
 */
import { z } from "zod";
import { refuseControlChars } from "@/lib/domain/text/control-chars";
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

// Built per mapping so a refusal names the column as well as the field ("the problem (column q) …").
const problemSchema = (mapping: ColumnMapping) =>
  z.object({
    question: z
      .string()
      .superRefine(refuseControlChars(`the problem (column "${mapping.question}")`))
      .trim()
      .min(1, `the problem (column "${mapping.question}") is empty`)
      .max(100_000, `the problem (column "${mapping.question}") is longer than 100,000 characters`),
    answer: z
      .string()
      .superRefine(refuseControlChars(`the answer (column "${mapping.answer}")`))
      .trim()
      .min(1, `the answer (column "${mapping.answer}") is empty`)
      .max(10_000, `the answer (column "${mapping.answer}") is longer than 10,000 characters`),
    split: z
      .string()
      .trim()
      .toLowerCase()
      .transform((s) => (s === "" ? "train" : s === "validation" || s === "val" ? "test" : s))
      .pipe(
        z.enum(["train", "test"], {
          error: (issue) =>
            `the split (column "${mapping.split}") is "${String(issue.input)}": use "train" or "test" (or "validation")`,
        }),
      ),
  });

export type MappedProblems = { ok: true; problems: MappedProblem[] } | { ok: false; errors: RowError[] };

const FIELD_COLUMN = { question: "question", answer: "answer", split: "split" } as const;

/** `lines`: the file line of each row (parseRows gives them), so errors say where the row is. */
export function mapProblems(
  rows: readonly Record<string, string>[],
  mapping: ColumnMapping,
  lines: readonly number[] = rows.map((_, i) => i + 1),
): MappedProblems {
  const errors: RowError[] = [];
  const problems: MappedProblem[] = [];
  const positions = { train: 0, test: 0 };
  const schema = problemSchema(mapping);
  rows.forEach((row, index) => {
    const parsed = schema.safeParse({
      question: row[mapping.question] ?? "",
      answer: row[mapping.answer] ?? "",
      split: mapping.split ? (row[mapping.split] ?? "") : "",
    });
    if (!parsed.success) {
      // One error per field, each naming the column it came from.
      for (const issue of parsed.error.issues) {
        const key = FIELD_COLUMN[issue.path[0] as keyof typeof FIELD_COLUMN];
        errors.push({
          line: lines[index] ?? index + 1,
          field: key ? mapping[key] : null,
          message: issue.message,
        });
      }
      return;
    }
    const { split, question, answer } = parsed.data;
    problems.push({ split, position: positions[split]++, question, answer });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, problems };
}
