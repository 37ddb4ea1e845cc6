import { describe, expect, test } from "vitest";
import { createBackendSchema, updateBackendSchema } from "./backend-form";

describe("backend form", () => {
  test("reads the form's text fields into models and validated options", () => {
    const parsed = createBackendSchema.parse({
      projectSlug: "p",
      name: " vLLM ",
      kind: "openai_compatible",
      baseUrl: "http://127.0.0.1:8000/v1",
      apiKey: "",
      policyModel: "Qwen/Qwen3-8B",
      concurrency: "16",
      timeoutS: "30",
      stop: "</answer>\n\nUser:",
      requestLogprobs: ["false"],
      returnTokenIds: ["false", "on"],
      inputPricePerM: "0.2",
    });
    expect(parsed).toMatchObject({
      name: "vLLM",
      apiKey: null,
      models: { policy: "Qwen/Qwen3-8B" },
      options: {
        concurrency: 16,
        timeoutMs: 30_000,
        stop: ["</answer>", "User:"],
        requestLogprobs: false,
        returnTokenIds: true,
        sendReflectionContext: false,
        inputPricePerM: 0.2,
      },
    });
  });

  test("bad values are refused field by field; programmatic callers keep the defaults", () => {
    const bad = updateBackendSchema.safeParse({
      projectSlug: "p",
      backendId: "00000000-0000-4000-8000-000000000001",
      name: "",
      baseUrl: "not a url",
      concurrency: "0",
      stop: "a\nb\nc\nd\ne",
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(new Set(bad.error.issues.map((i) => i.path[0]))).toEqual(
      new Set(["name", "baseUrl", "concurrency", "stop"]),
    );
    const plain = createBackendSchema.parse({
      projectSlug: "p",
      name: "x",
      kind: "openai_compatible",
      baseUrl: "https://api.openai.com/v1",
      apiKey: "sk-1",
    });
    expect(plain.options).toMatchObject({ concurrency: 8, requestLogprobs: true, policyApi: "chat" });
  });
});
