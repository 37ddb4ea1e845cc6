/** The project's API tokens as the settings page lists them: prefix only, state, revoke where allowed. */
import { revokeApiTokenAction } from "@/app/actions/api-tokens";
import { ActionForm } from "@/components/forms/action-form";
import { DataTable } from "@/components/table/data-table";
import type { ApiTokenRow } from "@/lib/server/auth/api-tokens/api-tokens";

const day = (iso: string | null) => (iso === null ? "—" : iso.slice(0, 10));

function describeState(token: ApiTokenRow): string {
  if (token.state === "revoked") return `revoked ${day(token.revokedAt)}`;
  if (token.state === "expired") return `expired ${day(token.expiresAt)}`;
  return token.expiresAt ? `expires ${day(token.expiresAt)}` : "no expiry";
}

export function ApiTokenTable({ slug, tokens }: { slug: string; tokens: ApiTokenRow[] }) {
  return (
    <DataTable
      testId="api-tokens"
      rowTestId="api-token-row"
      density="compact"
      rows={tokens}
      rowKey={(t) => t.id}
      columns={[
        { header: "Name", className: "font-medium", cell: (t) => t.name },
        { header: "Token", className: "font-mono text-xs", cell: (t) => `${t.prefix}…` },
        {
          header: "Kind",
          cell: (t) => (t.kind === "service" ? "service (project)" : `personal (${t.ownerName ?? "—"})`),
        },
        { header: "Role", cell: (t) => t.role },
        { header: "Last used", className: "text-slate-600", cell: (t) => day(t.lastUsedAt) },
        {
          header: "State",
          className: "text-slate-600",
          cell: (t) => <span data-testid="api-token-state">{describeState(t)}</span>,
        },
        {
          header: "",
          cell: (t) =>
            t.state !== "active" ? null : (
              <ActionForm action={revokeApiTokenAction} submitLabel={`Revoke ${t.name}`} danger>
                <input type="hidden" name="projectSlug" value={slug} />
                <input type="hidden" name="tokenId" value={t.id} />
              </ActionForm>
            ),
        },
      ]}
    />
  );
}
