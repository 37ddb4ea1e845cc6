import { expect, test } from "vitest";
import { archiveFormat } from "./archive-format";

test("tells archives by their names", () => {
  expect(archiveFormat("/x/run.tar.gz")).toBe("tar.gz");
  expect(archiveFormat("RUN.TGZ")).toBe("tar.gz");
  expect(archiveFormat("run.zip")).toBe("zip");
  expect(archiveFormat("data/math/train/exp")).toBeNull();
  expect(archiveFormat("run.tar")).toBeNull();
});
