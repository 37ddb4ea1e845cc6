/**
 * `espl backend check NAME` as a user runs it (a child process) against the simulated Tinker server in
 * hosted mode: exit 0 with the handshake, auth, wire format and a sample in plain words; a server that
 * is gone exits 1 with the reason; an unknown name exits 2 listing the backends there are.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startSimTinker } from "@/lib/server/runner/backends/tinker/testdata/start-sim-tinker";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "@/lib/server/runner/backends/tinker/testdata/tiny-chat";
import { generateSuite } from "@/lib/espl/simulator";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import type { SimTinkerServer } from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "./testing/spawn-espl";

let db: TestDatabase;
let server: SimTinkerServer;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url };
  const suite = generateSuite({ seed: 0, trainSize: 4, testSize: 2 });
  server = await startSimTinker([...suite.train, ...suite.test], { mode: "hosted" });
  const project = await ensureDefaultProject(db.prisma);
  const models = { policy: TINY_CHAT_MODEL, tokenizer: TINY_CHAT_TOKENIZER };
  await db.prisma.modelBackend.createMany({
    data: [
      { projectId: project.id, name: "trainer", kind: "tinker_compatible", baseUrl: server.url, models },
      // A port nothing listens on (the server's own, once closed, is not safe to reuse): port 9 (discard).
      {
        projectId: project.id,
        name: "gone",
        kind: "tinker_compatible",
        baseUrl: "http://127.0.0.1:9",
        models,
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

test("backend check: connected, gone, unknown", async () => {
  const ok = await runEspl(["backend", "check", "trainer"], env);
  expect(ok.code, ok.stderr + ok.stdout).toBe(0);
  const lines = ok.stdout.trimEnd().split("\n");
  expect(lines[0]).toBe("trainer (tinker_compatible): connected; sampling yes, logprobs yes, training yes");
  expect(lines).toContain("Client config: read (presented as SDK 0.25.0)");
  expect(lines).toContain("Polling: batched (retrieve_futures)");
  expect(lines.at(-1)).toMatch(/^Sample: \d token\(s\) from sim\/tiny-chat in \d+ ms/);
  expect(server.hosted!.configRequests).toEqual(["0.25.0"]);

  const gone = await runEspl(["backend", "check", "gone"], env);
  expect(gone.code).toBe(1);
  expect(gone.stdout).toMatch(/^gone: connection failed: Tinker backend \/client\/config: connection failed/);

  const unknown = await runEspl(["backend", "check", "nope"], env);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(
    /no model backend "nope" in the default project; choose one of: (gone, trainer|trainer, gone)/,
  );
}, 120_000);
