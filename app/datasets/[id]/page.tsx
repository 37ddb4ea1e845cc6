import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DataTable } from "@/components/table/data-table";
import { ManageDataset } from "@/components/datasets/manage-dataset";
import { requireMember } from "@/lib/server/auth/page-access";
import { getDatasetProblems } from "@/lib/server/read/datasets";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .catch(1)
    .parse((await searchParams).page ?? 1);
  const data = await getDatasetProblems((await requireMember()).scope, id.data, page);
  if (!data) notFound();
  const { dataset, problems, pageCount } = data;
  return (
    <div className="space-y-4">
      <h1 className="truncate text-2xl font-semibold tracking-tight" title={dataset.name}>
        {dataset.name}
      </h1>
      <p className="text-sm text-slate-600">
        {dataset.trainCount} train · {dataset.testCount} test · {dataset.source}
        {dataset.description && ` · ${dataset.description}`}
      </p>
      {dataset.id && dataset.projectSlug && !dataset.builtin ? (
        <ManageDataset dataset={{ id: dataset.id, name: dataset.name, projectSlug: dataset.projectSlug }} />
      ) : null}
      <DataTable
        testId="problems-table"
        rowTestId="problem-row"
        density="compact"
        alignTop
        rows={problems}
        rowKey={(p) => p.id}
        columns={[
          { header: "Split", cell: (p) => p.split },
          { header: "#", className: "tabular-nums", cell: (p) => p.position },
          { header: "Problem", className: "whitespace-pre-wrap", cell: (p) => p.question },
          { header: "Answer", className: "font-mono", cell: (p) => p.answer },
        ]}
      />
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {page > 1 && <Link href={`/datasets/${dataset.id}?page=${page - 1}`}>← Previous</Link>}
        <span>
          Page {page} of {pageCount}
        </span>
        {page < pageCount && <Link href={`/datasets/${dataset.id}?page=${page + 1}`}>Next →</Link>}
      </nav>
    </div>
  );
}
