import "katex/dist/katex.min.css";
import { connection } from "next/server";
import { z } from "zod";
import { HeadToHeadGrid } from "@/components/head-to-head/head-to-head-grid";
import { StepPicker } from "@/components/head-to-head/step-picker";
import { orNotFound } from "@/lib/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";
import { getHeadToHead, type HeadToHead } from "@/lib/data/head-to-head";

const searchSchema = z.object({ step: z.coerce.number().int().min(0).max(2_147_483_647).optional() });

async function load(id: string, token: string | undefined, step: number | undefined): Promise<HeadToHead> {
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    return await getHeadToHead(scope, id, step);
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
  const data = await load(id, token, parsed.success ? parsed.data.step : undefined);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">
        Head-to-head <span className="text-slate-500">· {data.runName}</span>
      </h1>
      {!parsed.success && (
        <p role="alert" className="text-sm text-rose-700">
          &quot;{String(raw)}&quot; is not a step number; showing the latest step.
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
