import { describe, expect, test } from "vitest";
import { describeSchemaType, prepareApiReference } from "./prepare-api-reference";

describe("describeSchemaType", () => {
  test("names enums, formats, bounds, arrays and unions in words", () => {
    expect(describeSchemaType({ type: "string", enum: ["pause", "resume"] })).toBe("one of: pause, resume");
    expect(describeSchemaType({ type: "string", format: "uuid" })).toBe("string (uuid)");
    expect(describeSchemaType({ type: "integer", minimum: 1, maximum: 100 })).toBe("integer, ≥ 1, ≤ 100");
    expect(describeSchemaType({ type: "array", items: { type: "string" } })).toBe("array of string");
    expect(describeSchemaType({ anyOf: [{ type: "string" }, { type: "null" }] })).toBe("string or null");
    expect(describeSchemaType(undefined)).toBe("any");
  });
});

describe("prepareApiReference", () => {
  test("groups operations by tag with path, query and body fields", () => {
    const sections = prepareApiReference({
      paths: {
        "/api/v1/runs/{runId}/control": {
          post: {
            operationId: "controlRun",
            tags: ["runs"],
            summary: "Pause",
            parameters: [{ name: "runId", in: "path", required: true, schema: { type: "string" } }],
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { action: { type: "string", enum: ["pause"] } },
                    required: ["action"],
                  },
                },
              },
            },
            responses: { "200": { description: "ok" }, "404": { description: "not found" } },
          },
        },
        "/api/v1/groups": {
          get: {
            operationId: "listGroups",
            tags: ["groups"],
            parameters: [{ name: "limit", in: "query", schema: { type: "integer" }, description: "rows" }],
            responses: {},
          },
        },
      },
    });
    expect(sections.map((s) => s.tag)).toEqual(["runs", "groups"]);
    const control = sections[0]!.operations[0]!;
    expect(control).toMatchObject({ id: "controlRun", method: "POST", path: "/api/v1/runs/{runId}/control" });
    expect(control.fields).toEqual([
      { name: "runId", where: "path", type: "string", required: true, description: "" },
      { name: "action", where: "body", type: "one of: pause", required: true, description: "" },
    ]);
    expect(control.responses.map((r) => r.status)).toEqual(["200", "404"]);
    expect(sections[1]!.operations[0]!.fields[0]).toMatchObject({ where: "query", required: false });
  });
});
