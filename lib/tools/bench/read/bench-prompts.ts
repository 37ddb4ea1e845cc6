/**
 * npm run bench:prompts — seeds a scratch database with one large run (20,000 programs of 12 principles
 * of 20 words, each the base parent of the next and rewording one principle of it, one mutation event per
 * child with the candidates the runner stores) and times the Prompts and
 * Evolution views' data functions: principle search (rare word, common word, no match), paging, a
 * program's provenance over a 400-generation window, a diff 1,000 generations apart, and the event list.
 * Prints p50/p95/max per case. Seeding is set-based (INSERT … SELECT over generate_series).
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { percentile } from "@/lib/espl/bench/stats";

const PROGRAMS = 20_000;
const PRINCIPLES = 12;
const WORDS = 20;
const SAMPLES = 25;

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm connections and plans
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(52)} p50 ${f(percentile(times, 50))} ms  p95 ${f(percentile(times, 95))} ms  max ${f(times.at(-1)!)} ms`,
  );
}

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { listPrograms } = await import("@/lib/server/read/prompts/list-programs");
  const { getProgramDetail } = await import("@/lib/server/read/prompts/program-detail");
  const { getProgramDiff } = await import("@/lib/server/read/prompts/program-diff");
  const { listEvolutionEvents } = await import("@/lib/server/read/evolution/list-events");
  try {
    const t0 = performance.now();
    const p = db.prisma;
    const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
    const run = await p.run.create({
      data: { projectId: project.id, name: "large", trainMode: "evolution", config: {}, seed: 1 },
    });
    // A 400-word vocabulary; "zebra" appears in about one program in a hundred.
    await p.$executeRaw`
      INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
      SELECT ${run.id}::uuid, i,
        (SELECT jsonb_agg(jsonb_build_object('id', 'G' || j, 'text',
           (SELECT string_agg(CASE WHEN k % 97 = 0 AND j = 3 AND w = 5 THEN 'zebra' ELSE 'word' || ((k * 7 + j * 13 + w * 31) % 400) END, ' ')
            FROM generate_series(1, ${WORDS}::int) w)) ORDER BY j)
         FROM generate_series(0, ${PRINCIPLES - 1}::int) j, LATERAL (SELECT (i + ${PRINCIPLES - 1}::int - j) / ${PRINCIPLES}::int AS k) gen),
        CASE WHEN i = 0 THEN 'root'::program_origin ELSE 'mutation' END, i - 1, 25, 8
      FROM generate_series(0, ${PROGRAMS - 1}::int) i`;
    await p.$executeRaw`
      INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order)
      SELECT ${run.id}::uuid, a.id, b.id, 'mutation', 0
      FROM programs a JOIN programs b ON b.run_id = a.run_id AND b.program_id = a.program_id + 1
      WHERE a.run_id = ${run.id}::uuid`;
    await p.$executeRaw`
      INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, child_id, details)
      SELECT ${run.id}::uuid, pr.birth_step, 'mutation', 'ok', ARRAY[pr.program_id - 1], pr.id,
        jsonb_build_object('outcome', 'child_created', 'preRenumberPrinciples',
          (SELECT jsonb_agg(jsonb_build_array(e ->> 'id', e ->> 'text')) FROM jsonb_array_elements(pr.principles) e))
      FROM programs pr WHERE pr.run_id = ${run.id}::uuid AND pr.program_id > 0`;
    await p.$executeRaw`ANALYZE`;
    console.log(
      `seeded: 1 run × ${PROGRAMS} programs × ${PRINCIPLES} principles (${WORDS} words each), a ${PROGRAMS - 1}-generation chain, ${PROGRAMS - 1} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const scope = { projectIds: [project.id] };
    const page = { page: 1, pageSize: 50 };
    const newest = PROGRAMS - 1;
    await time("listPrograms, no search, page 1", () => listPrograms(scope, run.id, page));
    await time("listPrograms, no search, page 200", () =>
      listPrograms(scope, run.id, { ...page, page: 200 }),
    );
    await time("search rare word 'zebra' (~1% of programs)", () =>
      listPrograms(scope, run.id, { ...page, q: "zebra" }),
    );
    await time("search common word 'word12' (most programs)", () =>
      listPrograms(scope, run.id, { ...page, q: "word12" }),
    );
    await time("search with no match", () =>
      listPrograms(scope, run.id, { ...page, q: "no-such-principle" }),
    );
    await time("getProgramDetail (400-generation window)", () =>
      getProgramDetail(scope, run.id, newest, "G0"),
    );
    await time("getProgramDiff, 1,000 generations apart", () =>
      getProgramDiff(scope, run.id, newest - 1000, newest),
    );
    await time("listEvolutionEvents, kind=mutation", () =>
      listEvolutionEvents(scope, run.id, { ...page, kind: "mutation" }),
    );
  } finally {
    await db.drop();
  }
}

await main();
