/**
 * The launch form's contract: what the browser sends (every field as text, config keys as `config.<key>`)
 * and how it is read. The form checks it as you type; the server action checks it again, then the
 * config goes through the engine's schema (formValuesToConfig).
 */
import { z } from "zod";
import { controlCharMessage, plainText } from "@/lib/domain/text/control-chars";
import { MAX_RUN_SEED } from "@/lib/domain/runs/run-seed";
import { tagListSchema } from "@/lib/domain/runs/run-tags";

const optionalId = z
  .union([z.literal(""), z.uuid("must be a valid id")])
  .transform((v) => (v === "" ? undefined : v));

export const launchInputSchema = z.object({
  projectId: z.uuid("choose a project"),
  name: plainText("the name").trim().max(200, "at most 200 characters"),
  /** Comma-separated. */
  tags: tagListSchema,
  /** Empty: a random seed, recorded on the run. */
  seed: z
    .string()
    .trim()
    .refine((s) => s === "" || /^\d+$/.test(s), "must be a whole number")
    .transform((s) => (s === "" ? undefined : Number(s)))
    .refine((n) => n === undefined || n <= MAX_RUN_SEED, `must be at most ${MAX_RUN_SEED}`),
  datasetId: optionalId,
  policyBackendId: optionalId,
  /** Empty: the policy backend reflects too. */
  reflectionBackendId: optionalId.optional(),
  /** One principle per line; blank lines are dropped. Empty: the reference's empty root program. */
  initialPrinciples: z
    .string()
    .max(100_000)
    // Named by line, as the user typed them, so the one to fix is easy to find.
    .superRefine((text, context) => {
      const bad = text
        .split("\n")
        .map((line, i) => controlCharMessage(`the principle on line ${i + 1}`, line))
        .find(Boolean);
      if (bad) context.addIssue({ code: "custom", message: bad, input: text });
    })
    .default("")
    .transform((text) =>
      text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(2000, "each principle at most 2,000 characters"))
        .max(50, "at most 50 principles"),
    ),
  config: z.record(z.string(), z.string()),
});

export type LaunchInput = z.input<typeof launchInputSchema>;

/** Field errors keyed as the form names its inputs (`name`, `seed`, `config.batch_size`, …). */
export type LaunchFieldErrors = Partial<Record<string, string[]>>;

export type LaunchResult =
  { ok: true; runId: string } | { ok: false; message: string; fieldErrors: LaunchFieldErrors };

/** Reads the form's FormData into the contract's input shape. */
export function readLaunchFormData(form: FormData): LaunchInput {
  return readLaunchFields(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
}

/** The same from a plain object of form fields (what the action wrapper hands over). */
export function readLaunchFields(fields: Record<string, unknown>): LaunchInput {
  const text = (key: string) => {
    const value = fields[key];
    return typeof value === "string" ? value : "";
  };
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith("config.") && typeof value === "string") config[key.slice("config.".length)] = value;
  }
  return {
    projectId: text("projectId"),
    name: text("name"),
    tags: text("tags"),
    seed: text("seed"),
    datasetId: text("datasetId"),
    policyBackendId: text("policyBackendId"),
    reflectionBackendId: text("reflectionBackendId"),
    initialPrinciples: text("initialPrinciples"),
    config,
  };
}

/**
 * What the launch action accepts: the form's flat fields (`config.<key>`) read into the contract's shape.
 * Only the project is checked here, so the wrapper can authorize it; launchRun checks the rest and answers
 * with every field's message at once.
 */
export const launchActionSchema = z.preprocess(
  (raw) => (typeof raw === "object" && raw !== null ? readLaunchFields(raw as Record<string, unknown>) : raw),
  z.looseObject({ projectId: z.uuid("choose a project") }),
);
