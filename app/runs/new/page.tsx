import type { Metadata } from "next";
import { z } from "zod";
import { LaunchForm, type LaunchFormInitial } from "@/components/launch/launch-form";
import { requireMember } from "@/lib/server/auth/page-access";
import { getCloneSource, getLaunchOptions } from "@/lib/server/read/launch-options";
import { getDefaultConfig } from "@/lib/espl/config";
import { configToFormValues } from "@/lib/domain/launch/form-values";
import { getPrisma } from "@/lib/server/db/client";
import { readStepCosts } from "@/lib/server/read/step-costs";

export const metadata: Metadata = { title: "Launch a run" };

export default async function NewRunPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { from } = await searchParams;
  const { scope } = await requireMember();
  const [options, stepCosts] = await Promise.all([
    getLaunchOptions(scope),
    readStepCosts(getPrisma(), scope),
  ]);
  const fromId = z.uuid().safeParse(Array.isArray(from) ? from[0] : from);
  const source = fromId.success ? await getCloneSource(scope, fromId.data) : null;

  if (options.projects.length === 0) {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Launch a run</h1>
        <p className="text-slate-600">
          There is no project to launch into yet. Create one (or run <code>npx espl run</code> once, which
          creates the default project).
        </p>
      </div>
    );
  }
  const initial: LaunchFormInitial = source
    ? {
        projectId: source.projectId,
        name: source.name,
        tags: source.tags.join(", "),
        initialPrinciples: source.initialPrinciples.join("\n"),
        seed: String(source.seed),
        datasetId: source.datasetId ?? "",
        policyBackendId: source.policyBackendId ?? "",
        reflectionBackendId: source.reflectionBackendId ?? "",
        config: configToFormValues(source.config),
      }
    : {
        projectId: options.projects[0]!.id,
        name: "",
        tags: "",
        initialPrinciples: "",
        seed: "",
        datasetId: "",
        policyBackendId: "",
        reflectionBackendId: "",
        config: configToFormValues(getDefaultConfig()),
      };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{source ? "Clone a run" : "Launch a run"}</h1>
      {fromId.success && !source && (
        <p role="alert" className="text-amber-700">
          The run to clone was not found; the form starts from the defaults.
        </p>
      )}
      <LaunchForm options={options} initial={initial} stepCosts={stepCosts} />
    </div>
  );
}
