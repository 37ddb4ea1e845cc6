/**
 * Commit → browser latency of live updates: a production web server (`next start`) streams /api/events
 * to this process while a direct LISTEN hears the same NOTIFY at commit time; the difference per step is
 * what a subscribed browser waits beyond the commit (plus one frame to paint).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { findFreePort } from "@/lib/testing/free-port";

interface Change {
  runId: string;
  currentStep: number;
}

export function measureLiveLatency(url: string, runId: string) {
  const heardAt = new Map<number, number>();
  const streamedAt = new Map<number, number>();
  const abort = new AbortController();
  let server: ReturnType<typeof spawn> | null = null;
  const listen = new pg.Client({ connectionString: url });

  const ready = (async () => {
    const port = await findFreePort();
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    server = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      if (i > 600) throw new Error("the web server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    await listen.connect();
    listen.on("notification", (m) => {
      const change = JSON.parse(m.payload ?? "{}") as Change;
      if (change.runId === runId && !heardAt.has(change.currentStep))
        heardAt.set(change.currentStep, performance.now());
    });
    await listen.query("LISTEN espl_runs");
    const res = await fetch(`${base}/api/events?runs=${runId}`, { signal: abort.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let opened: () => void = () => {};
    const open = new Promise<void>((r) => (opened = r));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes("event: ready")) opened();
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (block.includes("event: run") && data) {
            const change = JSON.parse(data) as Change;
            if (!streamedAt.has(change.currentStep)) streamedAt.set(change.currentStep, performance.now());
          }
        }
      }
    })();
    await open;
  })();

  return {
    ready,
    async stop(): Promise<number[]> {
      abort.abort();
      await listen.end().catch(() => {});
      server?.kill("SIGTERM");
      const latencies: number[] = [];
      for (const [step, heard] of heardAt) {
        const streamed = streamedAt.get(step);
        if (streamed !== undefined) latencies.push(Math.max(0, streamed - heard));
      }
      return latencies;
    },
  };
}
