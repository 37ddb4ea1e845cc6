/**
 * The backend registry's contract: what the add/edit forms send (every field as text, checkboxes as
 * "on"/"false") and how it is read into a backend's name, URL, models and options. One schema for the
 * form, the actions and the authorization matrix; options go through backendOptionsSchema.
 */
import { z } from "zod";
import { backendOptionsSchema, POLICY_APIS } from "./backend-options";

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A repeated field (hidden "false" + checkbox "on") arrives as a list: the last value wins. */
const last = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);
const text = (max: number) => z.preprocess(last, z.string().trim().max(max).optional());
const flag = z.preprocess(
  last,
  z
    .union([z.boolean(), z.enum(["on", "true", "false", "off", ""])])
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v === true || v === "on" || v === "true")),
);
const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => {
    const value = last(v);
    if (value === undefined || value === "") return undefined;
    return typeof value === "string" ? Number(value) : value;
  }, schema.optional());

export const EDITABLE_BACKEND_KINDS = ["openai_compatible", "tinker_compatible"] as const;

const backendFields = {
  projectSlug: slug,
  name: z.preprocess(last, z.string().trim().min(1, "give the backend a name").max(100)),
  baseUrl: z.preprocess(last, z.url("must be a URL such as http://127.0.0.1:8000/v1")),
  /** Empty: no key (local servers), or on edit: keep the stored one. */
  apiKey: z.preprocess(last, z.string().max(4000).optional()),
  policyModel: text(200),
  reflectionModel: text(200),
  concurrency: optionalNumber(z.number().int("a whole number").min(1).max(512)),
  timeoutS: optionalNumber(z.number().int("a whole number").min(1).max(3600)),
  policyApi: z.preprocess(last, z.enum(POLICY_APIS).optional()),
  /** One stop sequence per line. */
  stop: text(1000),
  requestLogprobs: flag,
  returnTokenIds: flag,
  sendReflectionContext: flag,
  inputPricePerM: optionalNumber(z.number().min(0).max(10_000)),
  outputPricePerM: optionalNumber(z.number().min(0).max(10_000)),
};

type Fields = z.output<z.ZodObject<typeof backendFields>>;

/** The stored shape of the form's fields: models by use and validated options. */
function toStored(fields: Fields) {
  const options = backendOptionsSchema.parse({
    concurrency: fields.concurrency,
    timeoutMs: fields.timeoutS === undefined ? undefined : fields.timeoutS * 1000,
    policyApi: fields.policyApi,
    stop: (fields.stop ?? "")
      .split("\n")
      .map((s) => s.replace(/\r$/, ""))
      .filter((s) => s !== ""),
    requestLogprobs: fields.requestLogprobs,
    returnTokenIds: fields.returnTokenIds,
    sendReflectionContext: fields.sendReflectionContext,
    inputPricePerM: fields.inputPricePerM,
    outputPricePerM: fields.outputPricePerM,
  });
  const models: Record<string, string> = {};
  if (fields.policyModel) models.policy = fields.policyModel;
  if (fields.reflectionModel) models.reflection = fields.reflectionModel;
  return {
    projectSlug: fields.projectSlug,
    name: fields.name,
    baseUrl: fields.baseUrl,
    apiKey: fields.apiKey ? fields.apiKey : null,
    models,
    options,
  };
}

const stopCheck = (fields: Fields, ctx: z.RefinementCtx) => {
  const stops = (fields.stop ?? "").split("\n").filter((s) => s.trim() !== "");
  if (stops.length > 4) ctx.addIssue({ code: "custom", path: ["stop"], message: "at most 4 stop sequences" });
};

export const createBackendSchema = z
  .object({ ...backendFields, kind: z.preprocess(last, z.enum(EDITABLE_BACKEND_KINDS)) })
  .superRefine(stopCheck)
  .transform((fields) => ({ ...toStored(fields), kind: fields.kind }));

export const updateBackendSchema = z
  .object({ ...backendFields, backendId: z.preprocess(last, z.uuid()), clearApiKey: flag })
  .superRefine(stopCheck)
  .transform((fields) => ({
    ...toStored(fields),
    backendId: fields.backendId,
    clearApiKey: fields.clearApiKey ?? false,
  }));

export const backendRefSchema = z.object({ projectSlug: slug, backendId: z.uuid() });

export type CreateBackendInput = z.output<typeof createBackendSchema>;
export type UpdateBackendInput = z.output<typeof updateBackendSchema>;
