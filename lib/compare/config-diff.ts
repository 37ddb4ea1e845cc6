/** Config table rows across runs (union of keys, sorted), flagging keys whose values differ. */
export interface ConfigRow {
  key: string;
  /** One JSON rendering per run; "—" where the run lacks the key. */
  values: string[];
  differs: boolean;
}

export function buildConfigRows(configs: readonly unknown[]): ConfigRow[] {
  const records = configs.map((c) =>
    typeof c === "object" && c !== null ? (c as Record<string, unknown>) : {},
  );
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
  return keys.map((key) => {
    const values = records.map((r) => (key in r ? JSON.stringify(r[key]) : "—"));
    return { key, values, differs: new Set(values).size > 1 };
  });
}
