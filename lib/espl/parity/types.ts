/** One parity case as stored in a vectors file. */
export interface ParityCase {
  input: unknown;
  expected: unknown;
  ill_conditioned?: boolean;
}

/** The verdict on one case; `message` says what differed, for the report. */
export type CaseResult = { ok: true } | { ok: false; message: string };

/**
 * Checks one case of one vectors file against the engine. Checkers validate their input with zod so a
 * malformed case set fails with a message instead of a crash.
 */
export type CaseChecker = (testCase: ParityCase) => CaseResult | Promise<CaseResult>;
