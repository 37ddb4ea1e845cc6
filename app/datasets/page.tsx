import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { UploadDatasetForm } from "@/components/datasets/upload-dataset-form";
import { DataTable } from "@/components/table/data-table";
import { requireMember } from "@/lib/server/auth/page-access";
import { listDatasets } from "@/lib/server/read/datasets";
import { getLaunchOptions } from "@/lib/server/read/launch-options";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  await connection();
  const { scope } = await requireMember();
  const [datasets, options] = await Promise.all([listDatasets(scope), getLaunchOptions(scope)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
      <DataTable
        testId="datasets-table"
        rowTestId="dataset-row"
        framed
        rows={datasets}
        rowKey={(d) => d.id ?? d.name}
        columns={[
          {
            header: "Name",
            cell: (d) => (
              <>
                {d.id ? (
                  <Link
                    href={`/datasets/${d.id}`}
                    title={d.name}
                    className="inline-block max-w-xs truncate align-bottom hover:underline"
                  >
                    {d.name}
                  </Link>
                ) : (
                  <span title={d.name} className="inline-block max-w-xs truncate align-bottom">
                    {d.name}
                  </span>
                )}
                {d.builtin && (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs">built-in, read-only</span>
                )}
              </>
            ),
          },
          { header: "Project", cell: (d) => d.projectName ?? "every project" },
          { header: "Source", cell: (d) => d.source },
          { header: "Train", numeric: true, cell: (d) => d.trainCount },
          { header: "Test", numeric: true, cell: (d) => d.testCount },
        ]}
      />
      {options.projects.length > 0 ? (
        <UploadDatasetForm projects={options.projects} />
      ) : (
        <p className="text-slate-600">Create a project to upload datasets into.</p>
      )}
    </div>
  );
}
