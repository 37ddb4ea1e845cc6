/**
 * The OpenAPI document as the reference page lists it: operations grouped by tag, each with its
 * parameters and body fields in words (type, required, allowed values), so the page renders no JSON.
 */

type Json = Record<string, unknown>;

export interface ReferenceField {
  name: string;
  where: "path" | "query" | "body";
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  fields: ReferenceField[];
  responses: { status: string; description: string }[];
}

export interface ReferenceSection {
  tag: string;
  operations: ReferenceOperation[];
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON schema in a few words: "string (uuid)", "one of: pause, resume", "array of string". */
export function describeSchemaType(schema: unknown): string {
  if (!isObject(schema)) return "any";
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map(String).join(", ")}`;
  if ("const" in schema) return `exactly ${JSON.stringify(schema.const)}`;
  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) return variants.map(describeSchemaType).join(" or ");
  const type = schema.type;
  if (type === "array") return `array of ${describeSchemaType(schema.items)}`;
  if (type === "object" && isObject(schema.properties)) return "object";
  if (type === "object") return "object (any keys)";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  const bounds = [
    typeof schema.minimum === "number" ? `≥ ${schema.minimum}` : "",
    typeof schema.maximum === "number" ? `≤ ${schema.maximum}` : "",
    typeof schema.maxLength === "number" ? `at most ${schema.maxLength} characters` : "",
  ].filter(Boolean);
  const base = typeof type === "string" ? type : Array.isArray(type) ? type.join(" or ") : "any";
  return `${base}${format}${bounds.length > 0 ? `, ${bounds.join(", ")}` : ""}`;
}

function bodyFields(operation: Json): ReferenceField[] {
  const schema = (
    ((operation.requestBody as Json | undefined)?.content as Json | undefined)?.["application/json"] as
      Json | undefined
  )?.schema;
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    where: "body" as const,
    type: describeSchemaType(property),
    required: required.includes(name),
    description: isObject(property) && typeof property.description === "string" ? property.description : "",
  }));
}

function parameterFields(operation: Json): ReferenceField[] {
  const parameters = Array.isArray(operation.parameters) ? (operation.parameters as Json[]) : [];
  return parameters.map((p) => ({
    name: String(p.name),
    where: p.in === "path" ? "path" : "query",
    type: describeSchemaType(p.schema),
    required: p.required === true,
    description: typeof p.description === "string" ? p.description : "",
  }));
}

export function prepareApiReference(document: { paths: Record<string, Record<string, unknown>> }) {
  const sections = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      if (!isObject(raw)) continue;
      const tag = Array.isArray(raw.tags) ? String(raw.tags[0]) : "other";
      const responses = isObject(raw.responses) ? raw.responses : {};
      const operation: ReferenceOperation = {
        id: String(raw.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        summary: String(raw.summary ?? ""),
        description: String(raw.description ?? ""),
        fields: [...parameterFields(raw), ...bodyFields(raw)],
        responses: Object.entries(responses).map(([status, r]) => ({
          status,
          description: isObject(r) ? String(r.description ?? "") : "",
        })),
      };
      sections.set(tag, [...(sections.get(tag) ?? []), operation]);
    }
  }
  return [...sections].map(([tag, operations]): ReferenceSection => ({ tag, operations }));
}
