/**
 * Worked example of logging a run from outside: replays a reference experiment folder into a running
 * server through the API, one step at a time, as a trainer would log it while it runs; open the printed
 * link to watch the run grow live.
 *
 *   ESPL_URL=http://localhost:3000 ESPL_TOKEN=espl_… npm run example:replay -- [folder] [--project <id>] [--delay-ms 500]
 *
 * Without --project, the token's first project where it may write is used (GET /api/v1/me).
 */
import { parseArgs } from "node:util";
import { EsplClient } from "@/lib/client-sdk/espl-client";
import { DEFAULT_EXPERIMENT, readExperimentSteps } from "./read-experiment-steps";

interface Me {
  projects: { projectId: string; slug: string; role: string }[];
}

async function findProject(url: string, token: string): Promise<string> {
  const response = await fetch(`${url.replace(/\/+$/, "")}/api/v1/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET /api/v1/me answered ${response.status}`);
  const me = (await response.json()) as Me;
  const project = me.projects.find((p) => p.role === "editor" || p.role === "owner");
  if (!project) throw new Error("this token may write to no project (an editor's token is needed)");
  return project.projectId;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { project: { type: "string" }, "delay-ms": { type: "string" } },
  });
  const url = process.env.ESPL_URL;
  const token = process.env.ESPL_TOKEN;
  if (!url || !token) throw new Error("set ESPL_URL and ESPL_TOKEN (an editor's API token)");
  const delayMs = Number(values["delay-ms"] ?? 0);
  const client = new EsplClient({ url, token });
  const experiment = await readExperimentSteps(positionals[0] ?? DEFAULT_EXPERIMENT);
  const projectId = values.project ?? (await findProject(url, token));
  const run = await client.createRun({ ...experiment.run, projectId });
  console.log(`run ${run.id} "${run.name}": ${url.replace(/\/+$/, "")}/runs/${run.id}`);
  const started = performance.now();
  try {
    for (const [i, step] of experiment.stepNumbers.entries()) {
      const payload = await experiment.readStep(step);
      const outcome = await client.logStep(run.id, payload);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `step ${step} (${i + 1}/${experiment.stepNumbers.length}): ${outcome.outcome}, ` +
          `${payload.rollouts.length} rollouts, ${payload.events?.length ?? 0} events, ${seconds.toFixed(1)} s`,
      );
      for (const note of outcome.notes) console.log(`  note: ${note}`);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  } catch (error) {
    await client.finish(run.id, { status: "failed", error: (error as Error).message }).catch(() => {});
    throw error;
  }
  await client.finish(run.id);
  for (const problem of experiment.problems.items) console.log(`skipped: ${problem.file}: ${problem.reason}`);
  // Read back through the API, as the run's page shows it.
  const stored = await client.getRun(run.id);
  console.log(
    `done: ${experiment.stepNumbers.length} steps, ${stored.status}, ` +
      `best test Pass@1 ${stored.bestTestPass1 ?? "not recorded"}`,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
