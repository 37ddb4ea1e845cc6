/**
 * Whether a run fits its dataset, checked where runs are created (lib/server/runs/create-run.ts) and, as
 * you type, by the launch form, so the CLI, the API and the form refuse the same runs with the same words.
 * Without this a dataset with no test split was accepted and the run failed later, and dataset_size 256
 * on a 40-problem dataset was recorded as 256 while the engine quietly used 40.
 */
export interface DatasetSplits {
  name: string;
  trainCount: number;
  testCount: number;
}

export type DatasetFitErrors = Record<string, string[]>;

/** "40 train / 10 test", as the form and the dataset pages state a dataset's size. */
export function describeSplits(dataset: Pick<DatasetSplits, "trainCount" | "testCount">): string {
  return `${dataset.trainCount} train / ${dataset.testCount} test`;
}

/** Field errors keyed like the launch form's inputs; empty when the run fits. */
export function checkDatasetFit(datasetSize: number, dataset: DatasetSplits): DatasetFitErrors {
  const errors: DatasetFitErrors = {};
  const splitProblems: string[] = [];
  if (dataset.trainCount === 0)
    splitProblems.push(`the dataset "${dataset.name}" has no train split: a run trains on its train rows`);
  if (dataset.testCount === 0)
    splitProblems.push(
      `the dataset "${dataset.name}" has no test split: every step is evaluated on its test rows; ` +
        `upload it with a split column that marks some rows "test"`,
    );
  if (splitProblems.length > 0) errors.datasetId = splitProblems;
  if (datasetSize > dataset.trainCount && dataset.trainCount > 0)
    errors["config.dataset_size"] = [
      `must be at most ${dataset.trainCount}: the dataset "${dataset.name}" has ${dataset.trainCount} ` +
        `training problems (0 or less uses all of them)`,
    ];
  return errors;
}

/** dataset_size brought within the data (≤ 0, "all of them", is left alone). */
export function clampDatasetSize(datasetSize: number, trainCount: number): number {
  return datasetSize > trainCount ? trainCount : datasetSize;
}
