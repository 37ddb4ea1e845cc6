/**
 * A run's stored config as the run page and the compare view show it. The stored config is never
 * changed; only its display is. `dataset_pair` names the engine's built-in dataset pair (default
 * aimo_beyondaime), but a run reads its problems from the dataset recorded at launch: when that dataset
 * is another one, showing the pair would claim the run trained on data it never saw.
 */

export interface ConfigEntry {
  key: string;
  /** The value as JSON, or a plain-words note where the run did not use the key. */
  value: string;
  /** True where the stored value played no part in the run. */
  unused: boolean;
}

export interface ConfiguredRun {
  config: unknown;
  /** The dataset recorded at launch; null where none was recorded (imports, older runs). */
  datasetName: string | null;
  /**
   * The keys the run's files recorded (imported runs); the importer filled the others with our defaults,
   * which the run never used. Null or absent: every stored key was the run's own.
   */
  recordedKeys?: readonly string[] | null;
}

function asRecord(config: unknown): Record<string, unknown> {
  return typeof config === "object" && config !== null && !Array.isArray(config)
    ? (config as Record<string, unknown>)
    : {};
}

/** The note shown for a stored key the run did not use, or null where the stored value holds. */
function unusedNote(key: string, value: unknown, run: ConfiguredRun): string | null {
  // A default the importer filled in is no value of the run's: say so rather than show it as one.
  if (run.recordedKeys && !run.recordedKeys.includes(key))
    return `not recorded (the importer's default: ${JSON.stringify(value)})`;
  if (key !== "dataset_pair" || run.datasetName === null || run.datasetName === value) return null;
  return `not used (trained on ${run.datasetName})`;
}

/** The run's config entries, sorted by key. */
export function prepareConfigEntries(run: ConfiguredRun): ConfigEntry[] {
  return Object.entries(asRecord(run.config))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, stored]) => {
      const note = unusedNote(key, stored, run);
      return { key, value: note ?? JSON.stringify(stored), unused: note !== null };
    });
}
