import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { UploadDatasetForm } from "@/components/datasets/upload-dataset-form";
import { requireMember } from "@/lib/auth/page-access";
import { listDatasets } from "@/lib/data/datasets";
import { getLaunchOptions } from "@/lib/data/launch-options";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  await connection();
  const { scope } = await requireMember();
  const [datasets, options] = await Promise.all([listDatasets(scope), getLaunchOptions(scope)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
      <table
        data-testid="datasets-table"
        className="w-full rounded border border-slate-200 text-sm dark:border-slate-700"
      >
        <thead className="bg-slate-50 text-left text-slate-500 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Project
            </th>
            <th scope="col" className="px-3 py-2">
              Source
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Train
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Test
            </th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr
              key={d.id ?? d.name}
              data-testid="dataset-row"
              className="border-t border-slate-100 dark:border-slate-800"
            >
              <td className="px-3 py-2">
                {d.id ? (
                  <Link href={`/datasets/${d.id}`} className="hover:underline">
                    {d.name}
                  </Link>
                ) : (
                  d.name
                )}
                {d.builtin && (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
                    built-in, read-only
                  </span>
                )}
              </td>
              <td className="px-3 py-2">{d.projectName ?? "every project"}</td>
              <td className="px-3 py-2">{d.source}</td>
              <td className="px-3 py-2 text-right tabular-nums">{d.trainCount}</td>
              <td className="px-3 py-2 text-right tabular-nums">{d.testCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {options.projects.length > 0 ? (
        <UploadDatasetForm projects={options.projects} />
      ) : (
        <p className="text-slate-600 dark:text-slate-300">Create a project to upload datasets into.</p>
      )}
    </div>
  );
}
