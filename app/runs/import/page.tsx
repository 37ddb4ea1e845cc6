import type { Metadata } from "next";
import { ImportRunForm } from "@/components/import/import-run-form";
import { requireMember } from "@/lib/server/auth/page-access";

export const metadata: Metadata = { title: "Import a run" };

/** Upload a run written by the authors' reference script; editors and owners of a project. */
export default async function ImportRunPage() {
  const { caller } = await requireMember();
  const projects = caller.memberships
    .filter((m) => m.role === "editor" || m.role === "owner")
    .map((m) => ({ slug: m.slug, name: m.name }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Import a run</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        A run of the authors&apos; reference script becomes a read-only run here: config, every step&apos;s
        metrics, programs with lineage and ratings, rollouts, evolution events and checkpoints. Uploading the
        same experiment again adds only the steps not stored yet. The same as{" "}
        <code>npx espl import PATH</code>.
      </p>
      {projects.length === 0 ? (
        <p className="text-sm">You need the editor or owner role in a project to import into it.</p>
      ) : (
        <ImportRunForm projects={projects} />
      )}
    </div>
  );
}
