import { prepareConfigEntries, type ConfiguredRun } from "@/lib/view/runs/config-display";

/** Config table rows across runs (union of keys, sorted), flagging keys whose values differ. */
export interface ConfigRow {
  key: string;
  /**
   * One rendering per run, as the run page shows it (a key the run did not use says so); "—" where the
   * run lacks the key.
   */
  values: string[];
  differs: boolean;
}

export function buildConfigRows(runs: readonly ConfiguredRun[]): ConfigRow[] {
  const shown = runs.map((run) => new Map(prepareConfigEntries(run).map((e) => [e.key, e.value])));
  const keys = [...new Set(shown.flatMap((m) => [...m.keys()]))].sort();
  return keys.map((key) => {
    const values = shown.map((m) => m.get(key) ?? "—");
    return { key, values, differs: new Set(values).size > 1 };
  });
}
