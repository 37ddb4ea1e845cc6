import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/lib/auth/page-access";
import { getDatasetProblems } from "@/lib/data/datasets";

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
      <h1 className="text-2xl font-semibold tracking-tight">{dataset.name}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {dataset.trainCount} train · {dataset.testCount} test · {dataset.source}
        {dataset.description && ` · ${dataset.description}`}
      </p>
      <table data-testid="problems-table" className="w-full text-sm">
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1">
              Split
            </th>
            <th scope="col" className="px-2 py-1">
              #
            </th>
            <th scope="col" className="px-2 py-1">
              Problem
            </th>
            <th scope="col" className="px-2 py-1">
              Answer
            </th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr
              key={p.id}
              data-testid="problem-row"
              className="border-t border-slate-100 align-top dark:border-slate-800"
            >
              <td className="px-2 py-1">{p.split}</td>
              <td className="px-2 py-1 tabular-nums">{p.position}</td>
              <td className="px-2 py-1 whitespace-pre-wrap">{p.question}</td>
              <td className="px-2 py-1 font-mono">{p.answer}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
