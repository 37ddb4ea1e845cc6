import "server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  importDatasetInputSchema,
  type ImportDatasetInput,
  type ImportResult,
} from "@/lib/domain/datasets/import-input";
import { mapProblems } from "@/lib/domain/datasets/map-problems";
import { parseRows } from "@/lib/domain/datasets/parse-rows";

const INSERT_BATCH = 2_000;

/**
 * Imports an uploaded file into `projectId` as one dataset. Every row is parsed and checked first; any
 * bad row refuses the whole file, and the rows are written in one transaction, so a failure leaves
 * nothing behind.
 */
export async function importDataset(projectId: string, input: ImportDatasetInput): Promise<ImportResult> {
  const parsed = importDatasetInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      message: "Fix the marked fields.",
      rowErrors: [],
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  const { name, description, format, content, mapping } = parsed.data;
  const rows = parseRows(content, format);
  if (!rows.ok)
    return { ok: false, message: "The file could not be read.", rowErrors: rows.errors, fieldErrors: {} };
  const mapped = mapProblems(rows.rows, mapping, rows.lines);
  if (!mapped.ok)
    return {
      ok: false,
      message: "Some rows are invalid; nothing was imported.",
      rowErrors: mapped.errors,
      fieldErrors: {},
    };
  const trainCount = mapped.problems.filter((p) => p.split === "train").length;
  const testCount = mapped.problems.length - trainCount;
  if (trainCount === 0)
    return {
      ok: false,
      message: "The dataset needs at least one training problem.",
      rowErrors: [],
      fieldErrors: {},
    };
  try {
    const datasetId = await getPrisma().$transaction(
      async (tx) => {
        const dataset = await tx.dataset.create({
          data: { projectId, name, description, source: "upload", trainCount, testCount },
          select: { id: true },
        });
        for (let i = 0; i < mapped.problems.length; i += INSERT_BATCH)
          await tx.problem.createMany({
            data: mapped.problems.slice(i, i + INSERT_BATCH).map((p) => ({ ...p, datasetId: dataset.id })),
          });
        return dataset.id;
      },
      { timeout: 60_000 },
    );
    return { ok: true, datasetId, trainCount, testCount };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return {
        ok: false,
        message: "A dataset with this name exists.",
        rowErrors: [],
        fieldErrors: { name: ["already taken in this project"] },
      };
    throw error;
  }
}
