/**
 * The future-polling loop of the protocol notes: `try_again`, 408 and our own poll timeout poll again
 * (SkyRL holds a poll up to 300 s, longer than any sensible request timeout), 410 resubmits, the
 * metadata-only announcement re-polls for the payload, `{error, category}` fails the request, a 400
 * with SkyRL's `{detail}` fails at once with that detail, and a bare 400 is retried up to three times.
 * A 429, 5xx or dropped connection while polling propagates, and the caller's retry resumes polling the
 * same request id. With `supports_retrieve_futures`, concurrent polls share one batched request.
 */
import "server-only";
import type { z } from "zod";
import { BackendError, sleep } from "@/lib/server/runner/retry";
import {
  completeMetadataSchema,
  detailSchema,
  requestFailedSchema,
  retrieveFuturesReplySchema,
  tryAgainSchema,
} from "./protocol";
import { decodeForwardBackwardOutput, decodeSampleResponse, PROTOBUF } from "./proto-wire";
import type { RawReply, TinkerClient } from "./tinker-client";

const BARE_400_RETRIES = 3;
const MAX_POLLS = 100_000;
const PATH = "/retrieve_future";

interface Waiter {
  id: string;
  metadataOnly: boolean;
  resolve: (reply: RawReply) => void;
  reject: (error: unknown) => void;
}

/** Coalesces the polls made in one turn of the event loop into one `POST /retrieve_futures`. */
export class BatchPoller {
  private waiting: Waiter[] = [];
  private running = false;

  constructor(private readonly client: TinkerClient) {}

  /** The next batch's reply for this future; an abort rejects at once (a late reply is then ignored). */
  poll(id: string, metadataOnly: boolean, signal?: AbortSignal): Promise<RawReply> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = { id, metadataOnly, resolve, reject };
      signal?.addEventListener(
        "abort",
        () => {
          this.waiting = this.waiting.filter((w) => w !== waiter);
          reject(signal.reason);
        },
        { once: true },
      );
      this.waiting.push(waiter);
      if (!this.running) {
        this.running = true;
        void this.loop();
      }
    });
  }

  private async loop(): Promise<void> {
    while (this.waiting.length > 0) {
      // Let every poll of this turn (and the re-polls of the last batch) join the batch.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.waiting.splice(0);
      try {
        const reply = await this.client.send(
          "POST",
          "/retrieve_futures",
          { requests: batch.map((w) => ({ request_id: w.id, allow_metadata_only: w.metadataOnly })) },
          { timeoutIsPending: true },
        );
        if (reply.status === 408) {
          for (const w of batch) w.resolve(reply);
          continue;
        }
        if (reply.status < 200 || reply.status >= 300) this.client.fail("/retrieve_futures", reply);
        const { results } = this.client.validate("/retrieve_futures", retrieveFuturesReplySchema, reply.body);
        if (results.length !== batch.length)
          throw new BackendError(
            `malformed reply from ${this.client.backend} /retrieve_futures: ${results.length} results for ${batch.length} futures`,
            { backend: this.client.backend },
          );
        batch.forEach((w, i) => w.resolve({ status: 200, body: results[i], retryAfterMs: undefined }));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.running = false;
  }
}

export interface RetrieveOptions {
  signal?: AbortSignal;
  resubmit?: () => Promise<string>;
  /** A result the SDK takes only as protobuf: asked for as such where the wire is protobuf. */
  proto?: "sample" | "forward_backward";
}

function decodeProto(client: TinkerClient, kind: RetrieveOptions["proto"], bytes: Uint8Array): unknown {
  try {
    if (kind === "sample") return decodeSampleResponse(bytes);
    if (kind === "forward_backward") return decodeForwardBackwardOutput(bytes);
  } catch (error) {
    throw new BackendError(
      `malformed protobuf reply from ${client.backend} ${PATH}: ${(error as Error).message}`,
      {
        backend: client.backend,
      },
    );
  }
  throw new BackendError(`${client.backend} ${PATH} answered protobuf where JSON was expected`, {
    backend: client.backend,
  });
}

export async function retrieveFuture<S extends z.ZodType>(
  client: TinkerClient,
  poller: BatchPoller | null,
  requestId: string,
  schema: S,
  options: RetrieveOptions = {},
): Promise<z.infer<S>> {
  let id = requestId;
  let bare400 = 0;
  const wantsProto = options.proto !== undefined && client.wire !== "json";
  // SDK 0.25 asks for metadata first so that it can reserve the payload's bytes in its in-flight budget,
  // then fetches the payload. This adapter keeps no such budget, and a protobuf payload is fetched on its
  // own request anyway (it cannot ride a JSON batch): asking for it at once saves one request per sample
  // and forward_backward result. `allow_metadata_only: false` is the SDK's own final poll, so every
  // server takes it. JSON results still allow metadata first, batched where the server offers it.
  let metadataOnly = !wantsProto;
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    options.signal?.throwIfAborted();
    // Batched polls carry JSON: a protobuf payload, once announced, is fetched on its own as the SDK does.
    const reply =
      poller && (metadataOnly || !wantsProto)
        ? await poller.poll(id, metadataOnly, options.signal)
        : await client.send(
            "POST",
            PATH,
            { request_id: id, allow_metadata_only: metadataOnly },
            {
              signal: options.signal,
              timeoutIsPending: true,
              accept: wantsProto ? `${PROTOBUF}, application/json` : undefined,
            },
          );
    if (reply.status >= 200 && reply.status < 300 && reply.body instanceof Uint8Array)
      return client.validate(PATH, schema, decodeProto(client, options.proto, reply.body));
    if (reply.status === 408) continue;
    if (reply.status === 410 && options.resubmit) {
      id = await options.resubmit();
      continue;
    }
    if (reply.status === 400 && !requestFailedSchema.safeParse(reply.body).success) {
      // SkyRL's failed future: the detail is the server's final word, retrying cannot change it.
      const detail = detailSchema.safeParse(reply.body);
      if (detail.success)
        throw new BackendError(`${client.backend} request failed: ${detail.data.detail}`, {
          status: 400,
          backend: client.backend,
        });
      if (++bare400 <= BARE_400_RETRIES) continue;
      client.fail(PATH, reply);
    }
    // The status decides (429 and 5xx are the caller's to retry), whatever the body says.
    if (reply.status < 200 || reply.status >= 300) client.fail(PATH, reply);
    if (tryAgainSchema.safeParse(reply.body).success) {
      // Servers long-poll before answering try_again; the pause guards against one that does not.
      if (!poller) await sleep(Math.min(20 * 2 ** Math.min(poll, 5), 1000), options.signal);
      continue;
    }
    if (completeMetadataSchema.safeParse(reply.body).success) {
      metadataOnly = false;
      continue;
    }
    const failed = requestFailedSchema.safeParse(reply.body);
    if (failed.success) client.failRequest(PATH, failed.data);
    return client.validate(PATH, schema, reply.body);
  }
  throw new BackendError(`${client.backend}: request ${id} never completed`, { backend: client.backend });
}
