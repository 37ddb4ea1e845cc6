/**
 * `npm run bench:tinker`: the cost of the Tinker adapter's own work (rendering, tokenising, datums, JSON or
 * protobuf, HTTP, polling) per engine-sized step, against the simulated Tinker server on loopback, next to
 * the in-process simulator doing the same sampling and training. The server runs in its own process, as a
 * real trainer does (its tokenising of completions is the trainer's work, not the adapter's); this
 * process's CPU time is the adapter's. HTTP requests are counted as the client sends them, in all and per
 * endpoint. `npm run bench:tinker -- hosted skyrl` runs only the modes named. Prints figures; asserts
 * nothing (tinker-request-count.test.ts asserts the requests of one step).
 */
import { spawn } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { generateSuite, SimPolicy } from "@/lib/espl/simulator";
import { getDefaultConfig } from "@/lib/espl/config";
import type { PolicyBackend } from "@/lib/espl/ports";
import {
  REFERENCE_STEP,
  runReferenceStep,
} from "@/lib/server/runner/backends/tinker/testdata/reference-step";
import { simTinkerConnection } from "@/lib/server/runner/backends/tinker/testdata/start-sim-tinker";
import { tinkerDriver } from "@/lib/server/runner/backends/tinker/tinker-driver";

const STEPS = 5;
const suite = generateSuite({ seed: 0 });
const { programs: K, batch: B, group: G, testGroup: T } = REFERENCE_STEP;

const step = (policy: PolicyBackend, s: number) => runReferenceStep(policy, suite, s);

interface Counters {
  requests: () => number;
  /** The server process's CPU time so far (ms), where the system says. */
  serverCpuMs: () => number | null;
}

async function time(name: string, policy: PolicyBackend, counters?: Counters) {
  const before = counters?.requests() ?? 0;
  const serverBefore = counters?.serverCpuMs() ?? null;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let tokens = 0;
  for (let s = 0; s < STEPS; s++) tokens += (await step(policy, s)).tokens;
  const ms = (performance.now() - started) / STEPS;
  // CPU time of this process (client and, where in-process, the server): steadier than wall time on a
  // shared machine.
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / STEPS;
  const serverAfter = counters?.serverCpuMs() ?? null;
  const server =
    serverBefore !== null && serverAfter !== null
      ? `, server ${((serverAfter - serverBefore) / STEPS).toFixed(0)} ms CPU`
      : "";
  const perStep = counters
    ? ` ${((counters.requests() - before) / STEPS).toFixed(0)} HTTP requests/step,`
    : "";
  console.log(
    `${name}: ${ms.toFixed(0)} ms/step (this process ${cpuMs.toFixed(0)} ms CPU${server}),${perStep} ${tokens > 0 ? (tokens / STEPS).toFixed(0) : "—"} trained tokens/step (${K}×${B}×${G} train + ${suite.test.length}×${T} test samples)`,
  );
}

await time("in-process simulator", new SimPolicy({ seed: 1 }));
let sent = 0;
const byPath = new Map<string, number>();
subscribe("http.client.request.start", (message) => {
  sent += 1;
  const path = (message as { request: { path: string } }).request.path.replace(/^\/api\/v1/, "");
  byPath.set(path, (byPath.get(path) ?? 0) + 1);
});

/** `npm run serve:sim-tinker` in a child process (the suite the bench samples is its default problem set). */
async function startServer(mode: string, flags: readonly string[]) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/server/plain-node/allow-server-only.mjs",
      "lib/tools/sim-servers/tinker/main.ts",
      "--port",
      "0",
      "--mode",
      mode,
      "--long-poll-ms",
      "200",
      ...flags,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.on("exit", (code) => reject(new Error(`sim-tinker (${mode}) exited with ${code}`)));
  });
  // utime + stime from /proc (Linux), in clock ticks of 10 ms; null elsewhere.
  const serverCpuMs = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return null;
    }
  };
  return { url, serverCpuMs, close: () => void child.kill("SIGTERM") };
}

// One server per mode, each standing in for a real server: JSON (SDKs ≤ 0.20), SDK 0.25's hosted
// service (protobuf, then with JWT and zstd bodies), SkyRL (JSON, 408 long polls). `-- NAME…` picks some.
const MODES = [
  { name: "legacy", mode: "legacy", flags: [] },
  { name: "hosted", mode: "hosted", flags: [] },
  { name: "hosted-zstd", mode: "hosted", flags: ["--jwt", "--zstd", "--api-key", "tml-bench"] },
  { name: "skyrl", mode: "skyrl", flags: [] },
] as const;
const picked = process.argv.slice(2);
for (const { name, mode, flags } of MODES.filter((m) => picked.length === 0 || picked.includes(m.name))) {
  const server = await startServer(mode, flags);
  try {
    const run = { runId: `bench-${name}`, seed: 1, config: getDefaultConfig(), problems: suite };
    byPath.clear();
    await time(
      `Tinker adapter → sim-tinker (${name}) over HTTP`,
      tinkerDriver.createPolicy!({ ...simTinkerConnection(server.url), apiKey: "tml-bench" }, run),
      { requests: () => sent, serverCpuMs: server.serverCpuMs },
    );
    const perEndpoint = [...byPath].sort((a, b) => b[1] - a[1]);
    console.log(
      `  per step: ${perEndpoint.map(([path, n]) => `${path} ${(n / STEPS).toFixed(1)}`).join(", ")}`,
    );
  } finally {
    server.close();
  }
}
