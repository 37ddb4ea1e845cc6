/**
 * The launch form's experiment fields (experiment name, seeds, sweep lines) read into the experiment
 * launch contract, experimentLaunchSchema (lib/domain/experiments/launch-spec.ts), the same schema the
 * CLI's `espl run --seeds --sweep --name` and POST /api/experiments use. The form checks it as you type
 * (to count the runs), the action checks it again before anything is written.
 */
import { z } from "zod";
import {
  expandGrid,
  experimentLaunchSchema,
  type ExperimentLaunchInput,
  type GridCell,
} from "@/lib/domain/experiments/launch-spec";
import { readLaunchFields, type LaunchInput } from "./launch-input";

export interface ExperimentFields {
  experimentName: string;
  /** "1-5,8" or empty. */
  seeds: string;
  /** One "key=v1,v2" a line. */
  sweep: string;
}

export const EMPTY_EXPERIMENT_FIELDS: ExperimentFields = { experimentName: "", seeds: "", sweep: "" };

/** The form's fields, from FormData's entries or the action's object. */
export function readExperimentFields(fields: Record<string, unknown>): ExperimentFields {
  const text = (key: keyof ExperimentFields) => (typeof fields[key] === "string" ? fields[key] : "");
  return { experimentName: text("experimentName"), seeds: text("seeds"), sweep: text("sweep") };
}

/** Any experiment field filled in turns the launch into an experiment's. */
export function isExperimentLaunch(fields: ExperimentFields): boolean {
  return [fields.experimentName, fields.seeds, fields.sweep].some((v) => v.trim() !== "");
}

export function splitSweepLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** The contract's issue paths as the form names its inputs: the sweep's keys all show under "sweep". */
export function toFormField(path: readonly PropertyKey[]): string {
  const head = String(path[0] ?? "_");
  if (head === "name") return "experimentName";
  if (head === "seeds" || head === "sweep") return head;
  if (head === "config" && path[1] !== undefined) return `config.${String(path[1])}`;
  return head;
}

export function collectFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[toFormField(issue.path)] ??= []).push(issue.message);
  return errors;
}

/** The experiment launch for what the form holds (run-level fields already read by launchInputSchema). */
export function toExperimentLaunchInput(
  fields: ExperimentFields,
  run: {
    projectId: string;
    config: Record<string, unknown>;
    seed?: number;
    tags: string[];
    initialPrinciples: string[];
    datasetId?: string;
    policyBackendId?: string;
    reflectionBackendId?: string;
    createdById?: string;
  },
): ExperimentLaunchInput {
  const seeds =
    fields.seeds.trim() !== "" ? fields.seeds : run.seed === undefined ? undefined : String(run.seed);
  return {
    projectId: run.projectId,
    name: fields.experimentName,
    config: run.config,
    ...(seeds === undefined ? {} : { seeds }),
    sweep: splitSweepLines(fields.sweep),
    tags: run.tags,
    initialPrinciples: run.initialPrinciples,
    ...(run.datasetId ? { datasetId: run.datasetId } : {}),
    ...(run.policyBackendId ? { policyBackendId: run.policyBackendId } : {}),
    ...(run.reflectionBackendId ? { reflectionBackendId: run.reflectionBackendId } : {}),
    ...(run.createdById ? { createdById: run.createdById } : {}),
  };
}

export type ExperimentFormCheck =
  { ok: true; cells: GridCell[] } | { ok: false; fieldErrors: Record<string, string[]> };

/** Checks the experiment with its contract and, when it holds, lists the grid's cells (one per run). */
export function checkExperimentForm(input: ExperimentLaunchInput): ExperimentFormCheck {
  const parsed = experimentLaunchSchema.safeParse(input);
  if (!parsed.success) {
    const issues = [...parsed.error.issues];
    // A bad name stops zod before the seeds and sweep are read: read them too, so one submit names all.
    if (issues.some((issue) => issue.path[0] === "name")) {
      const rest = experimentLaunchSchema.safeParse({ ...input, name: "-" });
      if (!rest.success) issues.push(...rest.error.issues.filter((issue) => issue.path[0] !== "name"));
    }
    return { ok: false, fieldErrors: collectFieldErrors(issues) };
  }
  return { ok: true, cells: expandGrid(parsed.data.axes, parsed.data.seeds) };
}

export type ExperimentLaunchResult =
  | { ok: true; experimentId: string; runIds: string[] }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/**
 * What the experiment launch action accepts: the form's run fields and experiment fields. Only the
 * project is checked here, for the wrapper's authorization; the server checks the rest and answers
 * with every field's message at once.
 */
export const experimentActionSchema = z.preprocess(
  (raw) =>
    typeof raw === "object" && raw !== null
      ? {
          ...readLaunchFields(raw as Record<string, unknown>),
          ...readExperimentFields(raw as Record<string, unknown>),
        }
      : raw,
  z.looseObject({ projectId: z.uuid("choose a project") }),
);
export type ExperimentActionInput = LaunchInput & ExperimentFields;
