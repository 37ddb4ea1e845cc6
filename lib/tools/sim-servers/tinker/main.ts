/**
 * `npm run serve:sim-tinker -- [--port 8787] [--host 127.0.0.1] [--seed 0] [--suite-seed 0]
 *   [--problems file.json] [--tokenizer DIR] [--model NAME] [--pending-ms N] [--rate-429 P] [--rate-5xx P]
 *   [--rate-drop P] [--rate-slow P] [--slow-ms N] [--api-key KEY] [--mode legacy|hosted|skyrl] [--jwt] [--zstd]
 *   [--long-poll-ms N]`
 *
 * Serves the Tinker protocol over the offline simulator. Without --problems it knows the built-in
 * simulator suite (the one runs without a dataset use); --problems takes {"train": [...], "test": [...]}
 * of {index, question, answer, meta}. --mode picks the real server it stands in for (sim-futures.ts);
 * --jwt turns on hosted mode's JWT exchange, --zstd its request for zstd-compressed forward_backward bodies.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "@/lib/server/runner/backends/tinker/testdata/tiny-chat";
import { generateSuite } from "@/lib/espl/simulator";
import { BUILTIN_SUITE_SEED } from "@/lib/server/runner/run-problems";
import { createSimTinkerServer } from "./sim-tinker-server";

const problemSchema = z.object({
  index: z.number().int().nonnegative(),
  question: z.string().min(1),
  answer: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
const problemsFileSchema = z.object({ train: z.array(problemSchema), test: z.array(problemSchema) });

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "0" },
    "suite-seed": { type: "string", default: String(BUILTIN_SUITE_SEED) },
    problems: { type: "string" },
    tokenizer: { type: "string", default: TINY_CHAT_TOKENIZER },
    model: { type: "string", multiple: true },
    "pending-ms": { type: "string", default: "0" },
    "rate-429": { type: "string", default: "0" },
    "rate-5xx": { type: "string", default: "0" },
    "rate-drop": { type: "string", default: "0" },
    "rate-slow": { type: "string", default: "0" },
    "slow-ms": { type: "string", default: "2000" },
    "api-key": { type: "string" },
    mode: { type: "string", default: "legacy" },
    jwt: { type: "boolean", default: false },
    zstd: { type: "boolean", default: false },
    "long-poll-ms": { type: "string", default: "5000" },
  },
});

const int = z.coerce.number().int().nonnegative();
const rate = z.coerce.number().min(0).max(1);
const args = z
  .object({
    port: int.max(65535),
    seed: int,
    suiteSeed: int,
    pendingMs: int,
    rate429: rate,
    rate5xx: rate,
    rateDrop: rate,
    rateSlow: rate,
    slowMs: int,
    mode: z.enum(["legacy", "hosted", "skyrl"]),
    longPollMs: int,
  })
  .safeParse({
    port: values.port,
    seed: values.seed,
    suiteSeed: values["suite-seed"],
    pendingMs: values["pending-ms"],
    rate429: values["rate-429"],
    rate5xx: values["rate-5xx"],
    rateDrop: values["rate-drop"],
    rateSlow: values["rate-slow"],
    slowMs: values["slow-ms"],
    mode: values.mode,
    longPollMs: values["long-poll-ms"],
  });
if (!args.success) {
  console.error(
    `serve:sim-tinker: ${args.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; ")}`,
  );
  process.exit(2);
}

function readProblems() {
  if (!values.problems) {
    const suite = generateSuite({ seed: args.data!.suiteSeed });
    return [...suite.train, ...suite.test];
  }
  const parsed = problemsFileSchema.safeParse(JSON.parse(readFileSync(values.problems, "utf8")));
  if (!parsed.success) {
    console.error(`serve:sim-tinker: ${values.problems}: ${parsed.error.issues[0]?.message}`);
    process.exit(2);
  }
  return [...parsed.data.train, ...parsed.data.test];
}

const { data } = args;
const problems = readProblems();
const server = await createSimTinkerServer({
  host: values.host,
  port: data.port,
  tokenizerDir: values.tokenizer,
  models: values.model?.length ? values.model : [TINY_CHAT_MODEL],
  problems,
  seed: data.seed,
  apiKey: values["api-key"] ?? null,
  mode: data.mode,
  longPollMs: data.longPollMs,
  hosted: { jwt: values.jwt, zstd: values.zstd },
  faults: {
    pendingMs: data.pendingMs,
    rate429: data.rate429,
    rate5xx: data.rate5xx,
    rateDrop: data.rateDrop,
    rateSlow: data.rateSlow,
    slowMs: data.slowMs,
  },
});
console.log(
  `simulated Tinker server (${data.mode}) on ${server.url} (${problems.length} problems; Ctrl-C stops)`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void server.close().then(() => process.exit(0)));
