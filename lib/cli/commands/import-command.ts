/**
 * `espl import PATH [--name NAME]`: imports a reference experiment folder (lib/server/io/import) and prints the run
 * id, what the run now holds and every problem found, one per line, so a damaged folder is visible.
 */
import pg from "pg";
import { importRun } from "@/lib/server/io/import/import-run";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import { formatImportLines } from "../format-import";

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
    for (const line of formatImportLines(result)) ctx.out(line);
    return EXIT.ok;
  } finally {
    await pool.end();
  }
}
