/**
 * Records what the official Tinker SDK sends to our simulated server in hosted mode (JWT and zstd on):
 * the server runs behind a loopback proxy that writes every request (method, path, the headers that
 * matter, the body in base64) as one JSON line. The SDK is driven by ./drive-sdk.py, which this script
 * runs with the inputs it writes (a rendered prompt, the stop token, the base model).
 *
 *   tsx --import ./lib/server/plain-node/allow-server-only.mjs lib/tools/sim-servers/tinker/sdk-capture/record-sdk.ts \
 *     --sdk DIR [--out FILE]
 *
 * DIR is the SDK's source (thinking-machines-lab/tinker, unpacked); Debian 12's python3 runs it as
 * ../shared/notes/tinker-sdk-wire.md describes. The output is test data for sdk-capture.test.ts.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateSuite } from "@/lib/espl/simulator";
import { loadChatTokenizer } from "@/lib/server/runner/backends/tinker/chat-tokenizer";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "@/lib/server/runner/backends/tinker/testdata/tiny-chat";
import { createSimTinkerServer } from "../sim-tinker-server";

const { values } = parseArgs({
  options: {
    sdk: { type: "string" },
    out: { type: "string", default: "lib/server/runner/backends/tinker/testdata/sdk-0.25.0-hosted.jsonl" },
    python: { type: "string", default: "/usr/bin/python3" },
  },
});
if (!values.sdk) throw new Error("--sdk DIR (the Tinker SDK's source) is required");

/** Headers whose values say something about the protocol (the rest is the HTTP library's). */
const KEPT =
  /^(content-type|content-encoding|accept|x-api-key|x-tinker-.*|x-stainless-read-timeout|user-agent|x-idempotency-key)$/;

const suite = generateSuite({ seed: 0 });
const server = await createSimTinkerServer({
  tokenizerDir: TINY_CHAT_TOKENIZER,
  models: [TINY_CHAT_MODEL],
  problems: [...suite.train, ...suite.test],
  mode: "hosted",
  hosted: { jwt: true, zstd: true },
  longPollMs: 200,
  apiKey: "tml-capture-dummy-key",
});
const lines: string[] = [];
const proxy = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (KEPT.test(name) && typeof value === "string") headers[name] = value;
    lines.push(JSON.stringify({ method: req.method, path: req.url, headers, body: body.toString("base64") }));
    const upstream = httpRequest(
      `${server.url}${req.url}`,
      { method: req.method, headers: { ...req.headers, host: new URL(server.url).host } },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.end(body);
  });
});
await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

const tokenizer = loadChatTokenizer(TINY_CHAT_TOKENIZER);
const inputs = {
  base_model: TINY_CHAT_MODEL,
  prompt_tokens: tokenizer.render([{ role: "user", content: suite.train[0]!.question }]).tokens,
  stop: tokenizer.stopTokenIds,
};
const inputsFile = join(process.env.TMPDIR ?? "/tmp", "tinker-sdk-capture-inputs.json");
writeFileSync(inputsFile, JSON.stringify(inputs));
// Asynchronously: the server and the proxy answer from this process's event loop.
const drive = spawn(
  values.python!,
  [
    join(import.meta.dirname, "drive-sdk.py"),
    "--sdk",
    values.sdk,
    "--base-url",
    proxyUrl,
    "--inputs",
    inputsFile,
  ],
  { env: { ...process.env, TINKER_API_KEY: "", TINKER_TELEMETRY: "0" }, stdio: "inherit", timeout: 180_000 },
);
const status = await new Promise<number | null>((resolve) => drive.on("exit", resolve));
writeFileSync(values.out!, lines.join("\n") + "\n");
console.log(`${lines.length} requests recorded in ${values.out}`);
proxy.closeAllConnections();
proxy.close();
await server.close();
process.exit(status ?? 1);
