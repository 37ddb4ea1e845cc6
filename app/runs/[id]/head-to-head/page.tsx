import "katex/dist/katex.min.css";
import { connection } from "next/server";
import { z } from "zod";
import { HeadToHeadGrid } from "@/components/head-to-head/head-to-head-grid";
import { StepPicker } from "@/components/head-to-head/step-picker";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { getHeadToHead, type HeadToHead } from "@/lib/server/read/head-to-head";
import { clampStep } from "@/lib/view/runs/clamp-step";
import { TruncatedText } from "@/components/text/truncated-text";

const searchSchema = z.object({ step: z.coerce.number().int().min(0).max(2_147_483_647).optional() });

/**
 * The grid of the asked step, clamped to the committed steps: a step past the last (or before the first)
 * shows the nearest one, with `requested` kept so the page can say so. Only an out-of-range step costs a
 * second read.
 */
async function load(
  id: string,
  token: string | undefined,
  step: number | undefined,
): Promise<{ data: HeadToHead; requested: number | null }> {
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    const data = await getHeadToHead(scope, id, step);
    if (step === undefined || data.firstStep === null || data.lastStep === null)
      return { data, requested: null };
    const clamped = clampStep(step, data.firstStep, data.lastStep);
    if (clamped.requested === null) return { data, requested: null };
    return { data: await getHeadToHead(scope, id, clamped.step), requested: clamped.requested };
  });
}

export default async function HeadToHeadPage({
  params,
  searchParams,
}: {
  params: Promise<RunViewParams>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id, token } = await params;
  const { view } = await requireRunView(id, token);
  const raw = (await searchParams).step;
  const parsed = searchSchema.safeParse({ step: Array.isArray(raw) ? raw[0] : raw || undefined });
  const { data, requested } = await load(id, token, parsed.success ? parsed.data.step : undefined);
  return (
    <div className="space-y-4">
      <h1 className="flex min-w-0 gap-1 text-xl font-semibold">
        <span className="shrink-0">Head-to-head</span>{" "}
        <span className="shrink-0 font-normal text-slate-500">·</span>
        <TruncatedText text={data.runName} className="font-normal text-slate-500" />
      </h1>
      {!parsed.success && (
        <p role="alert" className="text-sm text-rose-700">
          &quot;{String(raw)}&quot; is not a step number; showing the latest step.
        </p>
      )}
      {requested !== null && data.step !== null && (
        <p role="status" data-testid="step-clamped" className="text-sm text-slate-600">
          This run has no step {requested}: its committed steps are {data.firstStep}–{data.lastStep}, so step{" "}
          {data.step} is shown.
        </p>
      )}
      {data.step === null || data.firstStep === null || data.lastStep === null ? (
        <p className="text-sm text-slate-500">No step has been committed yet.</p>
      ) : (
        <>
          <StepPicker
            basePath={view.basePath}
            step={data.step}
            firstStep={data.firstStep}
            lastStep={data.lastStep}
          />
          {data.grid.rows.length === 0 ? (
            <p className="text-sm text-slate-500">Step {data.step} has no train rollouts.</p>
          ) : (
            <HeadToHeadGrid basePath={view.basePath} data={{ ...data, step: data.step }} />
          )}
        </>
      )}
    </div>
  );
}
