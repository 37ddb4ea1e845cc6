import Link from "next/link";
import { shortDatasetVersion } from "@/lib/domain/datasets/dataset-version";

/**
 * The dataset a run trained on, as recorded at launch (a later rename does not change it), with its
 * content version; runs that recorded none (imported, or launched before datasets were recorded) say so.
 */
export function RunDatasetLine({
  run,
  link,
}: {
  run: { datasetId: string | null; datasetName: string | null; datasetVersion: string | null };
  /** Share-link viewers cannot open dataset pages. */
  link: boolean;
}) {
  return (
    <p className="text-sm text-slate-600" data-testid="run-dataset">
      Dataset:{" "}
      {run.datasetName === null ? (
        <span className="italic">not recorded</span>
      ) : link && run.datasetId ? (
        <Link href={`/datasets/${run.datasetId}`} className="hover:underline">
          {run.datasetName}
        </Link>
      ) : (
        run.datasetName
      )}
      {run.datasetVersion ? (
        <span className="font-mono text-xs" title={`sha256 of its problems: ${run.datasetVersion}`}>
          {" "}
          · {shortDatasetVersion(run.datasetVersion)}
        </span>
      ) : null}
    </p>
  );
}
