/**
 * `npm run bench:openai`: policy sampling through the OpenAI-compatible driver against the simulated
 * server, with a fixed server latency per request, at several concurrency limits. Prints wall time,
 * requests and samples per second, and how close each limit gets to its ideal (latency-bound) time.
 */
import { OpenAIPolicy } from "@/lib/server/runner/backends/openai/openai-policy";
import { startSimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { generateSuite } from "@/lib/espl/simulator";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 128);
const N = Number(process.env.BENCH_N ?? 5);

async function main(): Promise<void> {
  const server = await startSimOpenAIServer({ seed: 1, faults: { slowMs: LATENCY_MS } });
  const problems = generateSuite({ seed: 0 }).train.slice(0, REQUESTS);
  const requests = problems.map((problem) => ({ problem, prompt: problem.question, n: N }));
  const params = { temperature: 0.7, topP: 0.95, maxTokens: 2048 };
  console.log(`${REQUESTS} requests × n=${N}, server latency ${LATENCY_MS} ms per request`);
  console.log("concurrency   wall ms   req/s   samples/s   ideal ms   efficiency");
  for (const concurrency of [1, 4, 16, 64]) {
    const policy = new OpenAIPolicy({
      id: `bench-${concurrency}`,
      kind: "openai_compatible",
      baseUrl: server.baseUrl,
      apiKey: null,
      models: { policy: "sim-policy" },
      options: { concurrency },
    });
    const started = performance.now();
    const out = await policy.sample(requests, params);
    const wall = performance.now() - started;
    const samples = out.reduce((n, group) => n + group.length, 0);
    const ideal = Math.ceil(REQUESTS / concurrency) * LATENCY_MS;
    console.log(
      `${String(concurrency).padStart(11)} ${wall.toFixed(0).padStart(9)} ${((REQUESTS / wall) * 1000).toFixed(1).padStart(7)} ${((samples / wall) * 1000).toFixed(0).padStart(11)} ${String(ideal).padStart(10)} ${((ideal / wall) * 100).toFixed(0).padStart(11)}%`,
    );
  }
  await server.close();
}

void main();
