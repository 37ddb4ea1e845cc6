/**
 * `npm run serve:sim-openai -- --port 8010 [--seed 0] [--api-key KEY] [--p429 0.1 --retry-after 2]
 *   [--p5xx 0.05] [--p-drop 0.02] [--p-malformed 0.1] [--slow-ms 500] [--no-logprobs]`
 * Serves the simulator as an OpenAI-compatible endpoint at http://HOST:PORT/v1 until Ctrl-C.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { startSimOpenAIServer } from "./sim-openai-server";

const rate = z.coerce.number().min(0).max(1).optional();
const argsSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65535).default(8010),
  seed: z.coerce.number().int().min(0).default(0),
  "policy-model": z.string().min(1).default("sim-policy"),
  "reflection-model": z.string().min(1).default("sim-reflection"),
  "api-key": z.string().min(1).optional(),
  p429: rate,
  "retry-after": z.coerce.number().min(0).max(3600).default(1),
  p5xx: rate,
  "p-drop": rate,
  "p-malformed": rate,
  "p-bad-body": rate,
  "slow-ms": z.coerce.number().int().min(0).default(0),
  "no-logprobs": z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.keys(argsSchema.shape).map((k) => [k, { type: k === "no-logprobs" ? "boolean" : "string" }]),
    ) as Record<string, { type: "string" | "boolean" }>,
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(z.prettifyError(parsed.error));
    process.exit(2);
  }
  const a = parsed.data;
  const server = await startSimOpenAIServer({
    host: a.host,
    port: a.port,
    seed: a.seed,
    policyModel: a["policy-model"],
    reflectionModel: a["reflection-model"],
    apiKey: a["api-key"],
    noLogprobs: a["no-logprobs"],
    faults: {
      slowMs: a["slow-ms"],
      ...(a.p429 ? { rateLimit: { rate: a.p429, retryAfterS: a["retry-after"] } } : {}),
      ...(a.p5xx ? { serverError: { rate: a.p5xx } } : {}),
      ...(a["p-drop"] ? { drop: { rate: a["p-drop"] } } : {}),
      ...(a["p-malformed"] ? { malformedContent: { rate: a["p-malformed"] } } : {}),
      ...(a["p-bad-body"] ? { malformedBody: { rate: a["p-bad-body"] } } : {}),
    },
  });
  console.log(
    `sim-openai listening on ${server.baseUrl} (models: ${a["policy-model"]}, ${a["reflection-model"]})`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
