"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { inputClass } from "@/components/launch/field-row";
import {
  DATASET_FORMATS,
  DATASET_LIMITS_TEXT,
  datasetTooLarge,
  guessFormat,
  MAX_DATASET_BYTES,
  parseRows,
  type RowError,
  type DatasetFormat,
} from "@/lib/domain/datasets/parse-rows";
import {
  datasetUploadQuerySchema,
  type DatasetUploadQuery,
  type ImportResult,
} from "@/lib/domain/datasets/import-input";

const PREVIEW_ROWS = 5;

const refused = (message: string, fieldErrors: Partial<Record<string, string[]>> = {}): ImportResult => ({
  ok: false,
  message,
  rowErrors: [],
  fieldErrors,
});

/**
 * Sends the file itself as the body of POST /api/datasets (the browser streams it; a server action's
 * body limit would refuse files over 1 MB), checked first with the route's own query schema.
 */
async function uploadDataset({
  query,
  file,
}: {
  query: DatasetUploadQuery;
  file: File;
}): Promise<ImportResult> {
  const checked = datasetUploadQuerySchema.safeParse(query);
  if (!checked.success) return refused("Fix the marked fields.", z.flattenError(checked.error).fieldErrors);
  if (file.size > MAX_DATASET_BYTES) return refused(datasetTooLarge(file.size));
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v ?? "")]));
  const res = await fetch(`/api/datasets?${params}`, {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: file,
  });
  const json = (await res.json().catch(() => null)) as
    ImportResult | { error: { message: string; fields?: Record<string, string[]> } } | null;
  if (json && "ok" in json) return json;
  // The route's own refusals (sign-in, role, size, a server failure with its request id).
  return refused(json?.error.message ?? `upload failed (${res.status})`, json?.error.fields ?? {});
}

function guessColumn(columns: string[], words: string[]): string {
  return columns.find((c) => words.includes(c.toLowerCase())) ?? "";
}

export function UploadDatasetForm({ projects }: { projects: { id: string; name: string }[] }) {
  const router = useRouter();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [format, setFormat] = useState<DatasetFormat>("jsonl");
  const [mapping, setMapping] = useState<{ question?: string; answer?: string; split?: string }>({});
  const mutation = useMutation({
    mutationFn: uploadDataset,
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });

  // The preview is derived from the file on every render: no state to keep in sync.
  const tooLarge = file !== null && file.size > MAX_DATASET_BYTES;
  const parsed = content === null ? null : parseRows(content, format);
  const columns = parsed?.ok ? parsed.columns : [];
  const question = mapping.question ?? guessColumn(columns, ["question", "problem", "prompt"]);
  const answer = mapping.answer ?? guessColumn(columns, ["answer", "solution", "target"]);
  const split = mapping.split ?? guessColumn(columns, ["split"]);
  const result = mutation.data;

  async function readFile(chosen: File | undefined) {
    if (!chosen) return;
    setFile(chosen);
    setFormat(guessFormat(chosen.name));
    setMapping({});
    mutation.reset();
    if (!name) setName(chosen.name.replace(/\.[^.]+$/, ""));
    // A file past the limit is not read at all: the form says so instead of previewing it.
    setContent(chosen.size > MAX_DATASET_BYTES ? null : await chosen.text());
  }

  function submit() {
    if (file) mutation.mutate({ query: { projectId, name, format, question, answer, split }, file });
  }

  const columnSelect = (
    id: string,
    label: string,
    value: string,
    key: "question" | "answer" | "split",
    optional: boolean,
  ) => (
    <label className="flex flex-col text-sm" htmlFor={id}>
      {label}
      <select
        id={id}
        value={value}
        onChange={(e) => setMapping((m) => ({ ...m, question, answer, split, [key]: e.target.value }))}
        className={inputClass}
      >
        <option value="">{optional ? "none (all train)" : "—"}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      className="space-y-4 rounded border border-slate-200 p-4"
      aria-labelledby="upload-heading"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id="upload-heading" className="font-semibold">
        Upload a dataset
      </h2>
      <div className="flex flex-wrap gap-4">
        <label className="flex flex-col text-sm" htmlFor="upload-project">
          Project
          <select
            id="upload-project"
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
            className={inputClass}
          >
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm" htmlFor="upload-file">
          File (JSONL, JSON array or CSV)
          <input
            id="upload-file"
            type="file"
            accept=".jsonl,.json,.csv,.txt"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <label className="flex flex-col text-sm" htmlFor="upload-format">
          Format
          <select
            id="upload-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as DatasetFormat)}
            className={inputClass}
          >
            {DATASET_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm" htmlFor="upload-name">
          Dataset name
          <input
            id="upload-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
          />
        </label>
      </div>
      <p data-testid="dataset-limits" className="text-xs text-slate-500">
        A dataset file may have {DATASET_LIMITS_TEXT}.
      </p>
      {tooLarge && (
        <p role="alert" data-testid="dataset-too-large" className="text-sm text-red-700">
          {datasetTooLarge(file.size)}.
        </p>
      )}
      {parsed && !parsed.ok && <RowErrors errors={parsed.errors} title="The file could not be read" />}
      {parsed?.ok && (
        <>
          <div className="flex flex-wrap gap-4">
            {columnSelect("map-question", "Problem column", question, "question", false)}
            {columnSelect("map-answer", "Answer column", answer, "answer", false)}
            {columnSelect("map-split", "Split column", split, "split", true)}
          </div>
          <div className="overflow-x-auto">
            <table data-testid="upload-preview" className="text-xs">
              <caption className="text-left text-slate-500">
                First {Math.min(PREVIEW_ROWS, parsed.rows.length)} of {parsed.rows.length} rows
              </caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col" className="px-2 py-1 text-left">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((row, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    {columns.map((c) => (
                      <td key={c} className="max-w-xs truncate px-2 py-1">
                        {row[c]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <button
        type="submit"
        disabled={!content || tooLarge || mutation.isPending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50"
      >
        {mutation.isPending ? "Importing…" : "Import"}
      </button>
      {mutation.error && (
        <p role="alert" className="text-sm text-red-700">
          Import failed: {mutation.error.message}
        </p>
      )}
      {result?.ok && (
        <p role="status" data-testid="import-done" className="text-sm text-emerald-700">
          Imported {result.trainCount + result.testCount} problems ({result.trainCount} train,{" "}
          {result.testCount} test).
        </p>
      )}
      {result?.ok && result.testCount === 0 && (
        <p data-testid="import-no-test" className="text-sm text-amber-800">
          It has no test rows: a run evaluates every step on test rows, so launching on it is refused. Upload
          it again with a split column that marks some rows &quot;test&quot;.
        </p>
      )}
      {result && !result.ok && (
        <div data-testid="import-refused">
          <p role="alert" className="text-sm text-red-700">
            {result.message}{" "}
            {Object.entries(result.fieldErrors)
              .map(([k, v]) => `${k}: ${v?.join(", ")}`)
              .join("; ")}
          </p>
          {result.rowErrors.length > 0 && <RowErrors errors={result.rowErrors} title="Rows with problems" />}
        </div>
      )}
    </form>
  );
}

function RowErrors({ errors, title }: { errors: RowError[]; title: string }) {
  return (
    <div className="text-sm text-red-700">
      <p className="font-medium">{title}</p>
      <ul data-testid="row-errors" className="list-disc pl-5">
        {errors.slice(0, 50).map((e) => (
          <li key={`${e.line}-${e.field}-${e.message}`}>
            {e.line > 0 ? `Line ${e.line}: ` : ""}
            {e.message}
          </li>
        ))}
      </ul>
      {errors.length > 50 && <p>…and {errors.length - 50} more</p>}
    </div>
  );
}
