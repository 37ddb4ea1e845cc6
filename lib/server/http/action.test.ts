/** Server actions fail the way routes do: unexpected errors become a logged request id, paths never leave. */
import { afterEach, expect, test, vi } from "vitest";
import { z } from "zod";
import { badRequest } from "@/lib/domain/errors";
import { defineAction } from "./action";

vi.mock("@/lib/server/http/action-context", () => ({
  readActionContext: async () => ({
    headers: new Headers({ host: "studio.test", origin: "http://studio.test" }),
    cookies: { get: () => undefined, set: () => {}, delete: () => {} },
  }),
}));

// A "public" action never queries: the wrapper only needs a client to hand to authorize.
vi.mock("@/lib/server/db/client", () => ({ getPrisma: () => ({}) }));

afterEach(() => vi.restoreAllMocks());

const failing = (error: unknown) =>
  defineAction(z.object({}), "public", async () => {
    throw error;
  });

test("an unexpected error in an action is logged under a request id the user is shown", async () => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  const raw = new Error("ENOSPC: no space left on device, write '/var/tmp/espl-upload-x/upload.zip'");
  const result = await failing(raw)(null, {});
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const id = result.error.requestId!;
  expect(result.error).toEqual({
    code: "internal",
    message: `Something went wrong on our side (request id ${id}). It has been logged; quote the id when reporting it.`,
    requestId: id,
  });
  expect(log).toHaveBeenCalledWith(`[request ${id}] unexpected error:`, raw);
});

test("a typed refusal from an action keeps its words without the server path", async () => {
  const result = await failing(badRequest("/srv/espl/tmp/espl-import-1/data is not a folder"))(null, {});
  expect(result).toEqual({ ok: false, error: { code: "bad_request", message: "…/data is not a folder" } });
});
