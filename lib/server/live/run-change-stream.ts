import "server-only";
/**
 * Server-Sent Events of run changes: `event: run` with a compact delta per committed step or status
 * change, `event: resync` when changes may have been missed, and a comment every 15 s so proxies keep
 * the connection open. Browsers that cannot keep it open fall back to polling (lib/client/live/use-live-*.ts).
 */
import { allowsRun, type ReadScope } from "@/lib/server/auth/scope";
import { getRunChangeHub, type HubEvent } from "./run-change-hub";

const KEEPALIVE_MS = 15_000;
/** How often an open stream re-checks its caller: a revoked link or removed member stops within this. */
export const RESCOPE_MS = 5_000;

export interface StreamOptions {
  /** The caller's scope now, or null once they may read nothing (signed out, link revoked or expired). */
  rescope?: () => Promise<ReadScope | null>;
}

/**
 * Only changes of runs inside `scope` are sent. A frozen scope (a share link frozen at a step) shows the
 * run as it was, so it is sent no changes at all.
 */
export function streamRunChanges(
  signal: AbortSignal,
  runIds: string[] | null,
  initialScope: ReadScope,
  options: StreamOptions = {},
): Response {
  let scope = initialScope;
  const wanted = runIds ? new Set(runIds) : null;
  const visible = (change: { runId: string; projectId: string }) =>
    scope.frozenAtStep === undefined && allowsRun(scope, change) && (!wanted || wanted.has(change.runId));
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const onEvent = (event: HubEvent) => {
        if (event.type === "resync") send("event: resync\ndata: {}\n\n");
        else if (visible(event.change)) send(`event: run\ndata: ${JSON.stringify(event.change)}\n\n`);
      };
      const hub = getRunChangeHub();
      const unsubscribe = hub.subscribe(onEvent);
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      const rescope = options.rescope;
      const recheck = rescope
        ? setInterval(() => {
            void rescope().then((next) => {
              if (next) scope = next;
              else {
                send("event: revoked\ndata: {}\n\n");
                cleanup();
              }
            });
          }, RESCOPE_MS)
        : undefined;
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
        clearInterval(recheck);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
      void hub.whenListening().then(() => send("retry: 2000\nevent: ready\ndata: {}\n\n"));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
