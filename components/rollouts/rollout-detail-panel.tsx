"use client";
/** One opened rollout: its text is fetched now (never with the list), rendered safely. */
import Link from "next/link";
import { useState } from "react";
import { LongMarkdown } from "@/components/text/long-markdown";
import { SafeMarkdown } from "@/components/text/safe-markdown";
import { rolloutsHref } from "@/lib/domain/rollouts/rollout-filters";
import { useRolloutDetail } from "@/lib/client/use-rollouts";
import { formatReward } from "./rollout-list";
import { useRunView } from "@/lib/client/run-view-context";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-mono text-sm break-words">{children}</dd>
    </div>
  );
}

export function RolloutDetailPanel({ runId, rolloutId }: { runId: string; rolloutId: string | null }) {
  const [raw, setRaw] = useState(false);
  const { basePath } = useRunView(runId);
  const { data, error, isPending } = useRolloutDetail(runId, rolloutId);
  if (rolloutId === null)
    return <p className="text-sm text-slate-500">Select a rollout to read its completion.</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load rollout {rolloutId}: {error.message}
      </p>
    );
  if (isPending || !data) return <p className="text-sm text-slate-500">Loading rollout {rolloutId}…</p>;
  const correct = data.reward > 0;
  return (
    <article aria-label={`Rollout ${data.id}`} data-testid="rollout-detail" className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="font-medium">
          Rollout {data.id}: step {data.step} · {data.split} · slot {data.slot} · Q{data.problemIndex} ·
          sample {data.sampleIndex}
        </h2>
        <span data-testid="detail-correct" className={correct ? "text-emerald-700" : "text-rose-700"}>
          {correct ? "correct" : "wrong"} (reward {formatReward(data.reward)})
        </span>
      </header>
      <nav aria-label="Related" className="flex flex-wrap gap-3 text-sm">
        {data.problemId !== null && (
          <Link className="text-sky-700 underline" href={rolloutsHref(basePath, { problem: data.problemId })}>
            every rollout of this problem
          </Link>
        )}
        <Link
          className="text-sky-700 underline"
          href={rolloutsHref(basePath, { step: data.step, program: data.programId, split: data.split })}
        >
          this program&apos;s rollouts at step {data.step}
        </Link>
        {data.split === "train" && (
          <Link className="text-sky-700 underline" href={`${basePath}/head-to-head?step=${data.step}`}>
            head-to-head of step {data.step}
          </Link>
        )}
      </nav>
      <section aria-label="Completion" className="rounded border border-slate-200 p-3">
        <h3 className="mb-1 flex items-center gap-3 text-xs font-medium text-slate-500 uppercase">
          Completion
          <label className="flex items-center gap-1 normal-case">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> raw text
          </label>
        </h3>
        <div data-testid="completion">
          {data.completion === null ? (
            <p className="text-sm text-slate-500">No text stored.</p>
          ) : (
            <LongMarkdown text={data.completion} raw={raw} />
          )}
        </div>
      </section>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Field label="Extracted answer">{data.extractedAnswer ?? "—"}</Field>
        <Field label="Ground truth">{data.groundTruth ?? "—"}</Field>
        <Field label="Advantage">{data.advantage === null ? "—" : data.advantage.toFixed(4)}</Field>
        <Field label="Trained on">{data.trained ? "yes" : "no"}</Field>
        <Field label="Prompt tokens">{data.promptTokens ?? "—"}</Field>
        <Field label="Completion tokens">{data.completionTokens ?? "—"}</Field>
        <Field label="Completion characters">{data.completionChars}</Field>
        <Field label="Problem">{data.problemId ?? "—"}</Field>
      </dl>
      <details className="rounded border border-slate-200" data-testid="rollout-prompt">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">
          Prompt: the problem and program #{data.programId}&apos;s system prompt
        </summary>
        <div className="space-y-3 px-3 pb-3">
          <section aria-label="Problem" className="border-t border-slate-200 pt-3">
            <h3 className="mb-1 text-xs font-medium text-slate-500 uppercase">Problem</h3>
            {data.question ? (
              <SafeMarkdown text={data.question} />
            ) : (
              <p className="text-sm text-slate-500">Not stored.</p>
            )}
          </section>
          <section aria-label="System prompt" className="border-t border-slate-200 pt-3">
            <h3 className="mb-1 text-xs font-medium text-slate-500 uppercase">
              System prompt: program #{data.programId}{" "}
              <Link
                className="text-sky-700 normal-case underline"
                href={`${basePath}/prompts?program=${data.programId}`}
              >
                prompt
              </Link>{" "}
              <Link
                className="text-sky-700 normal-case underline"
                href={`${basePath}/lineage?node=${data.programId}`}
              >
                lineage
              </Link>
            </h3>
            {data.principles.length === 0 ? (
              <p className="text-sm text-slate-500">No principles (the root prompt).</p>
            ) : (
              <ol className="space-y-1">
                {data.principles.map((p) => (
                  <li key={p.id} className="flex gap-2 text-sm">
                    <span className="font-mono text-slate-500">{p.id}</span>
                    <SafeMarkdown text={p.text} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </details>
    </article>
  );
}
