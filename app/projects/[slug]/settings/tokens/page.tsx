import { createApiTokenAction } from "@/app/actions/api-tokens";
import { ActionForm, TextField } from "@/components/forms/action-form";
import { ApiTokenTable } from "@/components/settings/api-token-table";
import { RoleSelect } from "@/components/settings/role-select";
import { SettingsHeader } from "@/components/settings/settings-header";
import { listApiTokens } from "@/lib/server/auth/api-tokens/api-tokens";
import { requireProjectPage } from "@/lib/server/auth/page-access";
import { getPrisma } from "@/lib/server/db/client";

export const metadata = { title: "API tokens" };

export default async function TokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { caller, project } = await requireProjectPage(slug);
  const isOwner = project.role === "owner";
  const tokens = await listApiTokens(getPrisma(), caller, project);
  return (
    <div className="space-y-8">
      <SettingsHeader projectName={project.name} slug={slug} current="tokens" isOwner={isOwner}>
        <p className="text-sm text-slate-600">
          For scripts and the command line (<code>espl login</code>): send a token as{" "}
          <code>Authorization: Bearer …</code> to the{" "}
          <a href="/api-docs" className="underline">
            HTTP API
          </a>
          . A token reaches this project only, with its role; a personal token never more than your own role (
          {project.role}).
        </p>
      </SettingsHeader>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">New token</h2>
        <ActionForm action={createApiTokenAction} submitLabel="Create token" revealToken testId="token-form">
          <input type="hidden" name="projectSlug" value={slug} />
          <TextField name="name" label="Name" required />
          <label className="block text-sm">
            <span className="text-slate-600">Kind</span>{" "}
            <select name="kind" defaultValue="personal" className="rounded border border-slate-300 px-2 py-1">
              <option value="personal">personal (acts as you)</option>
              {isOwner && <option value="service">service (acts for the project)</option>}
            </select>
          </label>
          <label className="block text-sm">
            <span className="text-slate-600">Role</span>{" "}
            <RoleSelect defaultValue="viewer" label="Token role" />
          </label>
          <TextField name="expiresInDays" label="Expires in days (empty: never)" />
        </ActionForm>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{isOwner ? "Tokens of this project" : "Your tokens"}</h2>
        <ApiTokenTable slug={slug} tokens={tokens} />
      </section>
    </div>
  );
}
