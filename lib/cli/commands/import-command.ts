/**
 * `espl import PATH [--name NAME]`: imports a reference experiment folder (lib/server/io/import) and prints the run
 * id, what the run now holds and every problem found, one per line, so a damaged folder is visible.
 */
import pg from "pg";
import { importRun } from "@/lib/server/io/import/import-run";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";

export async function runImportCommand(
  ctx: CliContext,
  options: { path: string; name?: string },
): Promise<number> {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
  try {
    const result = await importRun(
      { prisma: ctx.db.prisma, pool },
      { path: options.path, name: options.name },
    );
    ctx.out(result.runId);
    const { counts } = result;
    ctx.out(
      `${result.created ? "imported" : "updated"}: ${result.stepsAdded} steps added, ${result.stepsAlreadyStored} already stored`,
    );
    ctx.out(
      `run holds: ${counts.steps} steps, ${counts.programs} programs, ${counts.rollouts} rollouts, ` +
        `${counts.evolutionEvents} evolution events, ${counts.checkpoints} checkpoints`,
    );
    const { unknownKeys, invalidKeys } = result.configAside;
    for (const [key, value] of Object.entries(unknownKeys))
      ctx.out(`config key kept aside (unknown): ${key} = ${JSON.stringify(value)}`);
    for (const [key, { value, reason }] of Object.entries(invalidKeys))
      ctx.out(`config key kept aside (${reason}): ${key} = ${JSON.stringify(value)}`);
    ctx.out(`problems: ${result.problems.length}`);
    for (const problem of result.problems) ctx.out(`  ${problem.file}: ${problem.reason}`);
    return EXIT.ok;
  } finally {
    await pool.end();
  }
}
