"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importDatasetAction } from "@/app/actions/datasets";
import { inputClass } from "@/components/launch/field-row";
import { DATASET_FORMATS, guessFormat, parseRows, type DatasetFormat } from "@/lib/datasets/parse-rows";
import type { ImportResult } from "@/lib/datasets/import-input";

const PREVIEW_ROWS = 5;

function guessColumn(columns: string[], words: string[]): string {
  return columns.find((c) => words.includes(c.toLowerCase())) ?? "";
}

export function UploadDatasetForm({ projects }: { projects: { id: string; name: string }[] }) {
  const router = useRouter();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [name, setName] = useState("");
  const [content, setContent] = useState<string | null>(null);
  const [format, setFormat] = useState<DatasetFormat>("jsonl");
  const [mapping, setMapping] = useState<{ question?: string; answer?: string; split?: string }>({});
  const mutation = useMutation({
    mutationFn: async (columns: {
      question: string;
      answer: string;
      split: string;
    }): Promise<ImportResult> => {
      const reply = await importDatasetAction(null, {
        projectId,
        name,
        format,
        content: content ?? "",
        mapping: columns,
      });
      // The wrapper's refusals (sign-in, role, a bad project) read like the form's own errors.
      return reply.ok
        ? reply.data
        : { ok: false, message: reply.error.message, rowErrors: [], fieldErrors: reply.error.fields ?? {} };
    },
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });

  // The preview is derived from the file on every render: no state to keep in sync.
  const parsed = content === null ? null : parseRows(content, format);
  const columns = parsed?.ok ? parsed.columns : [];
  const question = mapping.question ?? guessColumn(columns, ["question", "problem", "prompt"]);
  const answer = mapping.answer ?? guessColumn(columns, ["answer", "solution", "target"]);
  const split = mapping.split ?? guessColumn(columns, ["split"]);
  const result = mutation.data;

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFormat(guessFormat(file.name));
    setMapping({});
    if (!name) setName(file.name.replace(/\.[^.]+$/, ""));
    setContent(await file.text());
  }

  function submit() {
    mutation.mutate({ question, answer, split });
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
      className="space-y-4 rounded border border-slate-200 p-4 dark:border-slate-700"
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
                  <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
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
        disabled={!content || mutation.isPending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
      >
        {mutation.isPending ? "Importing…" : "Import"}
      </button>
      {mutation.error && (
        <p role="alert" className="text-sm text-red-700">
          Import failed: {mutation.error.message}
        </p>
      )}
      {result?.ok && (
        <p role="status" data-testid="import-done" className="text-sm text-emerald-700 dark:text-emerald-400">
          Imported {result.trainCount + result.testCount} problems ({result.trainCount} train,{" "}
          {result.testCount} test).
        </p>
      )}
      {result && !result.ok && (
        <div data-testid="import-refused">
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
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

function RowErrors({ errors, title }: { errors: { row: number; message: string }[]; title: string }) {
  return (
    <div className="text-sm text-red-700 dark:text-red-400">
      <p className="font-medium">{title}</p>
      <ul data-testid="row-errors" className="list-disc pl-5">
        {errors.slice(0, 50).map((e) => (
          <li key={`${e.row}-${e.message}`}>
            {e.row > 0 ? `Row ${e.row}: ` : ""}
            {e.message}
          </li>
        ))}
      </ul>
      {errors.length > 50 && <p>…and {errors.length - 50} more</p>}
    </div>
  );
}
