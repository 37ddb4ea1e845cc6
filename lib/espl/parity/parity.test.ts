import { describe, expect, test } from "vitest";
import { fileURLToPath } from "node:url";
import { listVectorsFiles, runVectorsFile } from "./run-vectors";

const dir = fileURLToPath(new URL("./vectors", import.meta.url));
const files = await listVectorsFiles(dir);

describe("parity with the reference implementation", () => {
  test("the committed vectors are all present", () => {
    expect(files.length).toBe(21);
  });
  for (const file of files) {
    test(file.split("/").pop()!, async () => {
      const report = await runVectorsFile(file);
      expect(report.failures).toEqual([]);
      expect(report.passed).toBeGreaterThan(0);
    });
  }
});
