"use server";
import { getCurrentScope } from "@/lib/auth/current-scope";
import { toErrorResponse } from "@/lib/http/status";
import { controlRun, runControlInputSchema } from "@/lib/runs/control-run";

export type RunControlOutcome =
  { ok: true; status: string; immediate: boolean } | { ok: false; message: string };

/** Pause / resume / cancel from the run page. Thin: validation and rules live in lib/runs/control-run.ts. */
export async function controlRunAction(input: unknown): Promise<RunControlOutcome> {
  try {
    const result = await controlRun(await getCurrentScope(), runControlInputSchema.parse(input));
    return { ok: true, status: result.status, immediate: result.immediate };
  } catch (error) {
    return { ok: false, message: toErrorResponse(error).body.error.message };
  }
}
