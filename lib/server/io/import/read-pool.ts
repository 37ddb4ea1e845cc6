/**
 * `step_N/evolution_pool.json` (SPEC §5.6): the pool at the start of step N. Each entry is checked on its
 * own, so one bad entry loses only that program; keys beyond the reference's are reported and ignored.
 */
import "server-only";
import { parseWith, readJsonFile } from "./read-files";
import { POOL_ENTRY_KEYS, poolEntrySchema, poolFileSchema, type PoolEntry } from "./schemas";
import type { ProblemList } from "./problems";

const KNOWN = new Set<string>(POOL_ENTRY_KEYS);

export async function readPoolFile(path: string, problems: ProblemList): Promise<PoolEntry[] | null> {
  const file = await readJsonFile(path, poolFileSchema, problems, { optional: true });
  if (file === null) return null;
  const entries: PoolEntry[] = [];
  file.evolution_pool.forEach((raw, index) => {
    const parsed = parseWith(poolEntrySchema, raw);
    if (!parsed.ok) {
      problems.add(path, `pool entry ${index}: ${parsed.reason}; entry skipped`);
      return;
    }
    const unknown = Object.keys(raw as object).filter((key) => !KNOWN.has(key));
    if (unknown.length > 0)
      problems.add(
        path,
        `pool entry ${index} (program ${parsed.value.program_id}): unknown keys ignored: ${unknown.join(", ")}`,
      );
    entries.push(parsed.value);
  });
  return entries;
}
