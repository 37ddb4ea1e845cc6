/**
 * The simulated server's futures, answered the way each real server answers a poll:
 * - Tinker (legacy and hosted): hold up to the long poll, then `{"type":"try_again"}`; a failed future
 *   is `{error, category}`; hosted also announces each result once with SDK 0.25's metadata-only reply
 *   `{"status":"complete_metadata"}` when the poll allows it, and serves the batched `retrieve_futures`.
 * - SkyRL (skyrl/tinker/api.py): hold up to the long poll, then 408; a failed future is 400 `{detail}`.
 */
import { randomUUID } from "node:crypto";

export type SimMode = "legacy" | "hosted" | "skyrl";

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Future {
  readyAt: number;
  result?: unknown;
  error?: { error: string; category: "user" | "server" };
  announced: boolean;
}

/** What a poll answers: a status and a body (one entry of a batched poll takes the body only). */
export interface PollReply {
  status: number;
  body: unknown;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SimFutures {
  private readonly futures = new Map<string, Future>();
  /** Results announced with a metadata-only reply first (hosted mode): tests assert it happened. */
  announcements = 0;

  constructor(
    private readonly mode: SimMode,
    private readonly longPollMs: number,
    private readonly pendingMs: () => number,
  ) {}

  /** Runs the work now (so results follow submission order) and hands out a future for it. */
  async submit(work: () => Promise<unknown>): Promise<string> {
    const id = randomUUID();
    const future: Future = { readyAt: Date.now() + this.pendingMs(), announced: false };
    try {
      future.result = await work();
    } catch (error) {
      future.error = {
        error: error instanceof Error ? error.message : String(error),
        category: error instanceof RequestError ? "user" : "server",
      };
    }
    this.futures.set(id, future);
    return id;
  }

  private find(id: string): Future {
    const future = this.futures.get(id);
    if (!future) throw new RequestError(404, `unknown request_id ${id}`);
    return future;
  }

  private answer(id: string, future: Future, metadataOnly: boolean): PollReply {
    if (future.readyAt > Date.now())
      return this.mode === "skyrl"
        ? { status: 408, body: { detail: "timed out waiting for the result" } }
        : { status: 200, body: { type: "try_again", request_id: id, queue_state: "active" } };
    if (future.error)
      return this.mode === "skyrl"
        ? { status: 400, body: { detail: future.error.error } }
        : { status: 200, body: future.error };
    if (this.mode === "hosted" && metadataOnly && !future.announced) {
      future.announced = true;
      this.announcements += 1;
      const size = Buffer.byteLength(JSON.stringify(future.result));
      return { status: 200, body: { status: "complete_metadata", response_payload_size: size } };
    }
    return { status: 200, body: future.result };
  }

  async retrieve(id: string, metadataOnly: boolean): Promise<PollReply> {
    const future = this.find(id);
    const wait = future.readyAt - Date.now();
    if (wait > 0) await delay(Math.min(wait, this.longPollMs));
    return this.answer(id, future, metadataOnly);
  }

  /** The batched poll: held until one of the futures is ready or the long poll runs out. */
  async retrieveMany(requests: { request_id: string; allow_metadata_only?: boolean | null }[]) {
    const futures = requests.map((r) => this.find(r.request_id));
    const wait = Math.min(...futures.map((f) => f.readyAt)) - Date.now();
    if (wait > 0) await delay(Math.min(wait, this.longPollMs));
    return {
      results: requests.map(
        (r, i) => this.answer(r.request_id, futures[i]!, r.allow_metadata_only ?? false).body,
      ),
    };
  }
}
