"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { inputClass } from "@/components/launch/field-row";
import { archiveFormat } from "@/lib/domain/archive-format";
import type { ImportRunResult } from "@/lib/server/io/import/import-run";

interface UploadFailure {
  error: { code: string; message: string };
}

async function uploadArchive(input: { project: string; name: string; file: File }): Promise<ImportRunResult> {
  const format = archiveFormat(input.file.name);
  if (!format) throw new Error("choose a .tar.gz, .tgz or .zip archive of the experiment folder");
  const params = new URLSearchParams({ project: input.project, format });
  if (input.name.trim()) params.set("name", input.name.trim());
  // The file is the body: the browser streams it, and the server streams it to disk.
  const res = await fetch(`/api/imports?${params}`, {
    method: "POST",
    headers: { "content-type": format === "zip" ? "application/zip" : "application/gzip" },
    body: input.file,
  });
  const json = (await res.json().catch(() => null)) as ImportRunResult | UploadFailure | null;
  if (!res.ok || !json || "error" in json)
    throw new Error(json && "error" in json ? json.error.message : `upload failed (${res.status})`);
  return json;
}

export function ImportRunForm({ projects }: { projects: { slug: string; name: string }[] }) {
  const [project, setProject] = useState(projects[0]?.slug ?? "");
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({ mutationFn: uploadArchive });
  const result = mutation.data;
  return (
    <div className="space-y-6">
      <form
        className="grid max-w-xl gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) mutation.mutate({ project, name, file });
        }}
      >
        <label className="grid gap-1 text-sm">
          Project
          <select className={inputClass} value={project} onChange={(e) => setProject(e.target.value)}>
            {projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          Archive (.tar.gz or .zip of the folder the reference script ran in, or of the experiment folder)
          <input
            type="file"
            accept=".tar.gz,.tgz,.zip,application/gzip,application/zip"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Name (optional; default: the experiment name)
          <input
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
        </label>
        <div>
          <button
            type="submit"
            disabled={!file || !project || mutation.isPending}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50"
          >
            {mutation.isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
      {mutation.error ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
          {mutation.error.message}
        </p>
      ) : null}
      {result ? (
        <section aria-label="Import result" className="space-y-2 text-sm" data-testid="import-result">
          <p>
            {result.created ? "Imported a new run" : "Added to the run imported before"}:{" "}
            <Link className="underline" href={`/runs/${result.runId}`}>
              open the run
            </Link>
            . {result.stepsAdded} steps added, {result.stepsAlreadyStored} already stored; the run holds{" "}
            {result.counts.steps} steps, {result.counts.programs} programs, {result.counts.rollouts} rollouts,{" "}
            {result.counts.evolutionEvents} evolution events and {result.counts.checkpoints} checkpoints.
          </p>
          {result.problems.length > 0 ? (
            <details open>
              <summary>{result.problems.length} problems (skipped, the rest was imported)</summary>
              <ul className="mt-1 list-disc pl-5 font-mono text-xs" data-testid="import-problems">
                {result.problems.map((p, i) => (
                  <li key={i}>
                    {p.file}: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p data-testid="import-clean">No problems found.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
