import Link from "next/link";
import { connection } from "next/server";
import { EvaluationsView } from "@/components/evaluations/evaluations-view";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { listEvaluationChoices, listEvaluations } from "@/lib/server/evaluations/read-evaluations";

const NO_CHOICES = { backends: [], datasets: [] };

async function load({ id, token }: RunViewParams) {
  return orNotFound(async () => {
    const { scope, view } = await requireRunView(id, token);
    return {
      evaluations: await listEvaluations(scope, id),
      // A read-only (shared) view launches nothing, so it is not told the project's backends.
      choices: view.readOnly ? NO_CHOICES : await listEvaluationChoices(scope, id),
      readOnly: view.readOnly,
      basePath: view.basePath,
    };
  });
}

export default async function EvaluationsPage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  const resolved = await params;
  const { evaluations, choices, readOnly, basePath } = await load(resolved);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Evaluations</h1>
      <p className="mb-3 text-sm text-slate-600">
        Grade checkpoints × programs of this run on a dataset split: did the gain come from the prompt or the
        weights? Add another saved backend to see how the programs transfer to its model.{" "}
        <Link href={basePath} className="text-sky-700 underline">
          Back to the run
        </Link>
      </p>
      <EvaluationsView runId={resolved.id} initial={evaluations} canLaunch={!readOnly} choices={choices} />
    </>
  );
}
