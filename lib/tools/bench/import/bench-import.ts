/**
 * `npm run bench:import`: prints import figures (no assertions). Builds a synthetic experiment folder by
 * replicating step_3 of the reference E-SPL fixture (its pool, slot principles, mutation files and
 * rollout lines, renumbered) into STEPS steps of ROLLOUTS rollouts each, imports it into a fresh
 * database, and prints wall time, steps per second and the process's peak RSS; then re-imports it
 * (nothing new) and prints that time too.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { importRun } from "@/lib/server/io/import/import-run";

const STEPS = Number(process.env.BENCH_IMPORT_STEPS ?? 250);
const SLOTS = 3;
const TRAIN_PER_SLOT = 100;
const TEST = 150;

const NAME = "evolution_rl_lucb_seed109";
const FIXTURE = join(process.cwd(), "lib/espl/testdata/reference-runs", NAME);
const source = join(FIXTURE, "data/math/train", NAME, "step_3");

function replicateLines(path: string, count: number): string {
  const lines = readFileSync(path, "utf8").trim().split("\n");
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(JSON.stringify({ ...JSON.parse(lines[i % lines.length]!), runid: i }));
  return out.join("\n") + "\n";
}

function buildFolder(): string {
  const root = mkdtempSync(join(tmpdir(), "espl-bench-import-"));
  const dir = join(root, "data/math/train", NAME);
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURE, "tinker-examples"), join(root, "tinker-examples"), { recursive: true });
  const stats = JSON.parse(readFileSync(join(FIXTURE, "data/math/train", NAME, "stats.json"), "utf8"));
  const slotLines = Array.from({ length: SLOTS }, (_, s) =>
    replicateLines(join(source, `sampled_program_${s}`, "rollout.jsonl"), TRAIN_PER_SLOT),
  );
  const testLines = replicateLines(join(source, "test_rollout.jsonl"), TEST);
  const entries: Record<string, unknown> = {};
  for (let step = 0; step <= STEPS; step++) {
    const stepDir = join(dir, `step_${step}`);
    mkdirSync(stepDir);
    // As in a real run, step 0 has no pool file and samples the root program (no principles).
    if (step > 0) cpSync(join(source, "evolution_pool.json"), join(stepDir, "evolution_pool.json"));
    if (step === STEPS) break;
    entries[`step_${step}`] = { ...stats.step_3, batch: step };
    for (const file of ["single_rollout_summary.json", "single_query_critique.json", "batch_update.json"])
      cpSync(join(source, file), join(stepDir, file));
    writeFileSync(join(stepDir, "test_rollout.jsonl"), testLines);
    for (let s = 0; s < SLOTS; s++) {
      const slotDir = join(stepDir, `sampled_program_${s}`);
      mkdirSync(slotDir);
      const principles = join(slotDir, "principles_to_mutate.json");
      if (step === 0) writeFileSync(principles, "{}");
      else cpSync(join(source, `sampled_program_${s}`, "principles_to_mutate.json"), principles);
      writeFileSync(join(slotDir, "rollout.jsonl"), slotLines[s]!);
    }
  }
  writeFileSync(join(dir, "stats.json"), JSON.stringify(entries));
  return root;
}

const root = buildFolder();
const db = await createBenchDatabase();
try {
  const rssBefore = process.resourceUsage().maxRSS;
  let started = performance.now();
  const result = await importRun({ prisma: db.prisma, pool: db.pool }, { path: root });
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `import ${result.stepsAdded} steps × ${SLOTS * TRAIN_PER_SLOT + TEST} rollouts (${result.counts.rollouts} rollouts, ` +
      `${result.problems.length} problems): ${seconds.toFixed(1)} s, ${(result.stepsAdded / seconds).toFixed(1)} steps/s; ` +
      `peak RSS ${peakMb.toFixed(0)} MB (before the import: ${(rssBefore / 1024).toFixed(0)} MB)`,
  );
  for (const p of result.problems.slice(0, 5)) console.log(`  problem: ${p.file}: ${p.reason}`);
  started = performance.now();
  const again = await importRun({ prisma: db.prisma, pool: db.pool }, { path: root });
  console.log(
    `re-import (${again.stepsAdded} new steps): ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
} finally {
  await db.drop();
  rmSync(root, { recursive: true, force: true });
}
