/**
 * Stored principles as the prompt views read them. `programs.principles` is JSON written by the runner
 * or the importer; it is parsed here, never trusted, and anything malformed reads as no principles
 * rather than breaking a page.
 */
import { z } from "zod";

export interface StoredPrinciple {
  id: string;
  text: string;
}

const principleListSchema = z.array(z.object({ id: z.string(), text: z.string() }));

export function parsePrinciples(raw: unknown): StoredPrinciple[] {
  const result = principleListSchema.safeParse(raw);
  return result.success ? result.data.map((p) => ({ id: p.id, text: p.text })) : [];
}

/** Lower-case words, for similarity: punctuation and case do not make two principles different. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Dice coefficient of the two word sets, 0..1. */
export function wordSimilarity(a: string, b: string): number {
  const wa = new Set(wordsOf(a));
  const wb = new Set(wordsOf(b));
  if (wa.size === 0 && wb.size === 0) return 1;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common += 1;
  return (2 * common) / (wa.size + wb.size);
}
