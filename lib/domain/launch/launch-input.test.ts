import { describe, expect, test } from "vitest";
import { launchInputSchema, readLaunchFormData } from "./launch-input";

const projectId = "00000000-0000-4000-8000-000000000001";

describe("launch input", () => {
  test("reads FormData with config.* keys, splits and dedupes tags, empty seed and ids mean none", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      projectId,
      name: " x ",
      tags: "a, b,,a",
      seed: "",
      datasetId: "",
      "config.batch_size": "4",
    }))
      form.set(k, v);
    const parsed = launchInputSchema.parse(readLaunchFormData(form));
    expect(parsed).toEqual({
      projectId,
      name: "x",
      tags: ["a", "b"],
      seed: undefined,
      datasetId: undefined,
      policyBackendId: undefined,
      initialPrinciples: [],
      config: { batch_size: "4" },
    });
  });

  test("initial principles: one per line, trimmed, blank lines dropped, limits named", () => {
    const base = { projectId, name: "", tags: "", seed: "", datasetId: "", policyBackendId: "", config: {} };
    const parsed = launchInputSchema.parse({
      ...base,
      initialPrinciples: " Check units.\n\n\tRestate it. \n",
    });
    expect(parsed.initialPrinciples).toEqual(["Check units.", "Restate it."]);
    const tooMany = launchInputSchema.safeParse({
      ...base,
      initialPrinciples: Array.from({ length: 51 }, (_, i) => `p${i}`).join("\n"),
    });
    expect(tooMany.success).toBe(false);
    expect(JSON.stringify(tooMany.error?.issues)).toContain("at most 50 principles");
  });

  test("refuses a bad seed and a bad dataset id by field", () => {
    const result = launchInputSchema.safeParse({
      projectId,
      name: "",
      tags: "",
      seed: "1.5",
      datasetId: "nope",
      policyBackendId: "",
      config: {},
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["datasetId", "seed"]);
  });
});

describe("control characters", () => {
  test("a NUL or other control character in the name, tags or a principle is refused, naming where", () => {
    const parsed = launchInputSchema.safeParse({
      projectId,
      name: "run\u0000",
      tags: "a,\u0001b",
      seed: "",
      datasetId: "",
      policyBackendId: "",
      initialPrinciples: "Check units.\nShow\u0000 work\n",
      config: {},
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      name: "the name contains a control character (U+0000 at character 4); remove it",
      tags: "the tag list contains a control character (U+0001 at character 3); remove it",
      initialPrinciples:
        "the principle on line 2 contains a control character (U+0000 at character 5); remove it",
    });
  });

  test("tabs, newlines and carriage returns are text, not control characters", () => {
    const parsed = launchInputSchema.parse({
      projectId,
      name: "a\tb",
      tags: "",
      seed: "",
      datasetId: "",
      policyBackendId: "",
      initialPrinciples: "one\r\ntwo",
      config: {},
    });
    expect([parsed.name, parsed.initialPrinciples]).toEqual(["a\tb", ["one", "two"]]);
  });
});
