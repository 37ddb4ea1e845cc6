import { afterEach, describe, expect, test, vi } from "vitest";
import { badRequest, scrubServerPaths } from "@/lib/domain/errors";
import { toErrorResponse } from "./status";

afterEach(() => vi.restoreAllMocks());

describe("toErrorResponse", () => {
  test("an unexpected error is logged with its stack under a request id; the user sees only the id", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    // What Prisma passes on from PostgreSQL for a NUL byte: raw, with the query's table in it.
    const raw = new Error('invalid byte sequence for encoding "UTF8": 0x00 (22021) at /srv/app/lib/x.ts:1');
    const { status, body } = toErrorResponse(raw);
    expect(status).toBe(500);
    const id = body.error.requestId!;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(body.error.message).toBe(
      `Something went wrong on our side (request id ${id}). It has been logged; quote the id when reporting it.`,
    );
    expect(JSON.stringify(body)).not.toMatch(/UTF8|22021|\/srv/);
    expect(log).toHaveBeenCalledWith(`[request ${id}] unexpected error:`, raw);
    expect(toErrorResponse(raw).body.error.requestId).not.toBe(id);
  });

  test("a typed error keeps its words but loses server paths, in the message and the fields", () => {
    const error = badRequest("/tmp/espl-import-Ab12/data is not a folder", {
      file: ["cannot read: ENOENT: no such file or directory, open '/var/lib/espl/x/stats.json'"],
    });
    expect(toErrorResponse(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: "bad_request",
          message: "…/data is not a folder",
          fields: { file: ["cannot read: ENOENT: no such file or directory, open '…/stats.json'"] },
        },
      },
    });
  });
});

describe("scrubServerPaths", () => {
  test("keeps relative paths, URLs and layout patterns", () => {
    for (const text of [
      "expected data/<domain>/train/<experiment>/",
      "see https://example.com/a/b",
      "step_3/rollout.jsonl: line 2",
      "1/2 of the rows",
    ])
      expect(scrubServerPaths(text)).toBe(text);
    expect(scrubServerPaths("C:\\Users\\me\\run.zip failed")).toBe("…/run.zip failed");
  });
});
