/**
 * One backend of the registry: its settings, what the last connection test found (capabilities,
 * models and the driver's plain-words findings, or the error), and for owners the test, edit and remove forms.
 */
import { deleteBackendAction, testBackendAction, updateBackendAction } from "@/app/actions/backends";
import { ActionForm } from "@/components/forms/action-form";
import type { BackendDetails } from "@/lib/server/runner/backends/manage-backends";
import { BackendFields } from "./backend-fields";

const KIND_LABELS: Record<string, string> = {
  sim: "Simulator",
  openai_compatible: "OpenAI-compatible",
  tinker_compatible: "Tinker-compatible",
};

function Capability({ name, on }: { name: string; on: boolean }) {
  return (
    <li
      data-testid={`capability-${name}`}
      data-on={on}
      className={`rounded px-2 py-0.5 text-xs ${on ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-500"}`}
    >
      {name}: {on ? "yes" : "no"}
    </li>
  );
}

function ProbeResult({ backend }: { backend: BackendDetails }) {
  if (!backend.hasDriver)
    return (
      <p className="text-sm text-amber-700" data-testid="probe-result">
        No driver for this kind in this version.
      </p>
    );
  const probe = backend.probe;
  if (!probe || !backend.lastTestedAt)
    return (
      <p className="text-sm text-slate-500" data-testid="probe-result">
        Not tested yet: test the connection to find its capabilities.
      </p>
    );
  return (
    <div className="space-y-1" data-testid="probe-result">
      <p className="text-xs text-slate-500">Tested {new Date(backend.lastTestedAt).toLocaleString()}</p>
      {probe.error ? (
        <p className="text-sm text-red-700" data-testid="probe-error">
          Connection failed: {probe.error}
        </p>
      ) : (
        <>
          <ul className="flex flex-wrap gap-2">
            <Capability name="sampling" on={probe.sampling} />
            <Capability name="logprobs" on={probe.logprobs} />
            <Capability name="training" on={probe.training} />
          </ul>
          <p className="text-sm text-slate-600" data-testid="probe-models">
            Models: {probe.models.length > 0 ? probe.models.join(", ") : "none listed"}
          </p>
          {probe.details.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-slate-600" data-testid="probe-details">
              {probe.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function BackendCard({
  backend,
  slug,
  isOwner,
}: {
  backend: BackendDetails;
  slug: string;
  isOwner: boolean;
}) {
  const { options } = backend;
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="backend-card">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold" data-testid="backend-name">
          {backend.name}
        </h3>
        <span className="text-sm text-slate-500">{KIND_LABELS[backend.kind] ?? backend.kind}</span>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">URL</dt>
        <dd className="font-mono text-xs">{backend.baseUrl ?? "none"}</dd>
        <dt className="text-slate-500">Models</dt>
        <dd>
          policy {backend.models.policy ?? "(server's first)"}, reflection{" "}
          {backend.models.reflection ?? "(policy model)"}
        </dd>
        <dt className="text-slate-500">API key</dt>
        <dd>{backend.hasApiKey ? "set (never shown)" : "none"}</dd>
        <dt className="text-slate-500">Requests</dt>
        <dd>
          {options.policyApi} API, {options.concurrency} at once, {options.timeoutMs / 1000} s timeout
          {options.inputPricePerM !== undefined || options.outputPricePerM !== undefined
            ? `, $${options.inputPricePerM ?? 0} / $${options.outputPricePerM ?? 0} per 1M tokens in / out`
            : ""}
        </dd>
      </dl>
      {backend.kind === "tinker_compatible" && (
        <p className="text-xs text-slate-500" data-testid="skyrl-note">
          On SkyRL&apos;s Tinker API: <code>train_unembed</code> is ignored (its LoRA keeps only rank and
          seed), and only the <code>cross_entropy</code> and <code>importance_sampling</code> losses are
          validated there; runs with <code>rl_loss_fn</code> <code>ppo</code> or <code>cispo</code> are sent,
          but their results are not checked by SkyRL.
        </p>
      )}
      <ProbeResult backend={backend} />
      {isOwner && (
        <div className="flex flex-wrap items-start gap-3">
          <ActionForm action={testBackendAction} submitLabel="Test connection" testId="test-backend">
            <input type="hidden" name="projectSlug" value={slug} />
            <input type="hidden" name="backendId" value={backend.id} />
          </ActionForm>
          <ActionForm action={deleteBackendAction} submitLabel="Remove" danger>
            <input type="hidden" name="projectSlug" value={slug} />
            <input type="hidden" name="backendId" value={backend.id} />
          </ActionForm>
          <details className="w-full">
            <summary className="cursor-pointer text-sm underline">Edit</summary>
            <ActionForm action={updateBackendAction} submitLabel="Save changes" className="mt-2 space-y-3">
              <input type="hidden" name="projectSlug" value={slug} />
              <input type="hidden" name="backendId" value={backend.id} />
              <BackendFields backend={backend} />
              {backend.hasApiKey && (
                <label className="flex items-center gap-2 text-sm">
                  <input type="hidden" name="clearApiKey" value="false" />
                  <input type="checkbox" name="clearApiKey" /> Remove the stored API key
                </label>
              )}
            </ActionForm>
          </details>
        </div>
      )}
    </article>
  );
}
