/**
 * The worker process's own health endpoints, for a load balancer, systemd or a Kubernetes probe on the
 * worker's host (docs/deploy.md): GET /healthz answers 200 while the process lives, GET /readyz 200 only
 * while it takes runs, else 503 with the reason. Plain node:http: a worker serves nothing else, and a
 * framework would be most of its start time. Off unless ESPL_WORKER_HEALTH_PORT is set.
 */
import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface WorkerReadiness {
  ready: boolean;
  /** Why it is not ready, in plain words; absent when ready. */
  reason?: string;
  workerId: string;
  /** Runs this process executes now (each holds the run's lease). */
  runsHeld: string[];
  /** Its row's last heartbeat in the workers table (ISO); null when none is recorded or it was unreadable. */
  lastHeartbeatAt: string | null;
  time: string;
}

export interface WorkerHealthServerOptions {
  port: number;
  host: string;
  workerId: string;
  readiness: () => Promise<WorkerReadiness>;
}

export interface WorkerHealthServer {
  /** Where it listens, e.g. http://127.0.0.1:9464. */
  url: string;
  /** Stops listening and drops open connections (probes keep theirs alive). */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

async function answer(req: IncomingMessage, res: ServerResponse, options: WorkerHealthServerOptions) {
  const path = new URL(req.url ?? "/", "http://worker").pathname;
  if (path !== "/healthz" && path !== "/readyz")
    return sendJson(res, 404, { error: "not found: this server answers GET /healthz and GET /readyz" });
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return sendJson(res, 405, { error: `${req.method} is not allowed here: use GET` });
  }
  if (path === "/healthz") return sendJson(res, 200, { alive: true, workerId: options.workerId });
  const readiness = await options.readiness().catch((): WorkerReadiness => ({
    ready: false,
    reason: "the readiness check failed",
    workerId: options.workerId,
    runsHeld: [],
    lastHeartbeatAt: null,
    time: new Date().toISOString(),
  }));
  sendJson(res, readiness.ready ? 200 : 503, readiness);
}

/** Listens on host:port; rejects with a plain-words error when it cannot (the port taken, the host wrong). */
export async function startWorkerHealthServer(
  options: WorkerHealthServerOptions,
): Promise<WorkerHealthServer> {
  const server = createServer((req, res) => void answer(req, res, options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `the health port ${where} is in use (ESPL_WORKER_HEALTH_PORT)`
            : `the health endpoints cannot listen on ${where} (ESPL_WORKER_HEALTH_HOST/PORT): ${error.code ?? error.message}`,
        ),
      );
    });
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
