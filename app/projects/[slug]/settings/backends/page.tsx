import { createBackendAction } from "@/app/actions/backends";
import { ActionForm } from "@/components/forms/action-form";
import { BackendCard } from "@/components/settings/backend-card";
import { BackendFields } from "@/components/settings/backend-fields";
import { SettingsHeader } from "@/components/settings/settings-header";
import { requireProjectPage } from "@/lib/server/auth/page-access";
import { listBackendDetails } from "@/lib/server/runner/backends/manage-backends";
import { getPrisma } from "@/lib/server/db/client";

export const metadata = { title: "Model backends" };

export default async function BackendsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await requireProjectPage(slug);
  const isOwner = project.role === "owner";
  const backends = await listBackendDetails(getPrisma(), project.projectId);
  return (
    <div className="space-y-8">
      <SettingsHeader projectName={project.name} slug={slug} current="backends" isOwner={isOwner}>
        <p className="text-sm text-slate-600">
          Runs use the built-in simulator unless they name a backend here. OpenAI-compatible endpoints (vLLM,
          SGLang, llama.cpp, Ollama, OpenAI) sample only: they serve <code>evolution</code> runs and
          reflection calls; <code>rl</code> and <code>evolution_rl</code> need a backend that trains.
        </p>
      </SettingsHeader>
      <section className="space-y-3" data-testid="backends">
        {backends.length === 0 && <p className="text-sm text-slate-500">No backends yet.</p>}
        {backends.map((backend) => (
          <BackendCard key={backend.id} backend={backend} slug={slug} isOwner={isOwner} />
        ))}
      </section>
      {isOwner && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Add a backend</h2>
          <ActionForm action={createBackendAction} submitLabel="Add backend" testId="add-backend">
            <input type="hidden" name="projectSlug" value={slug} />
            <label className="block text-sm">
              Kind
              <select
                name="kind"
                defaultValue="openai_compatible"
                className="ml-2 rounded border border-slate-300 px-2 py-1 text-sm"
              >
                <option value="openai_compatible">OpenAI-compatible (sampling)</option>
                <option value="tinker_compatible">Tinker-compatible (trainer)</option>
              </select>
            </label>
            <BackendFields />
          </ActionForm>
        </section>
      )}
    </div>
  );
}
