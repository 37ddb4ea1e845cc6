/**
 * What `espl import` prints, with the database or over HTTP alike: the run id, what was added, what the
 * run now holds, config keys kept aside and every problem found, one per line.
 */
import type { ImportRunResult } from "@/lib/server/io/import/import-run";

export function formatImportLines(result: ImportRunResult): string[] {
  const { counts } = result;
  const lines = [
    result.runId,
    `${result.created ? "imported" : "updated"}: ${result.stepsAdded} steps added, ${result.stepsAlreadyStored} already stored`,
    `run holds: ${counts.steps} steps, ${counts.programs} programs, ${counts.rollouts} rollouts, ` +
      `${counts.evolutionEvents} evolution events, ${counts.checkpoints} checkpoints`,
  ];
  const { unknownKeys, invalidKeys } = result.configAside;
  for (const [key, value] of Object.entries(unknownKeys))
    lines.push(`config key kept aside (unknown): ${key} = ${JSON.stringify(value)}`);
  for (const [key, { value, reason }] of Object.entries(invalidKeys))
    lines.push(`config key kept aside (${reason}): ${key} = ${JSON.stringify(value)}`);
  lines.push(`problems: ${result.problems.length}`);
  for (const problem of result.problems) lines.push(`  ${problem.file}: ${problem.reason}`);
  return lines;
}
