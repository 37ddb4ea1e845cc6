/**
 * Renaming and deleting a project's uploaded datasets. The built-in simulator suite is read-only. A
 * dataset any run used is never deleted (its rollouts point at its problems, and the run's record of what
 * it trained on would dangle): the refusal lists those runs so the user sees what holds it.
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, badRequest, notFound } from "@/lib/domain/errors";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";

/** How many of the runs using a dataset a refusal names; the rest are counted. */
export const LISTED_RUNS = 20;

async function findUploaded(prisma: PrismaClient, projectId: string, datasetId: string) {
  const dataset = await prisma.dataset.findFirst({
    where: { id: datasetId, projectId },
    select: { id: true, name: true },
  });
  if (!dataset) throw notFound("dataset");
  if (dataset.name === BUILTIN_SUITE_NAME)
    throw badRequest("the built-in simulator suite is read-only: it cannot be renamed or deleted");
  return dataset;
}

export async function renameDataset(
  prisma: PrismaClient,
  projectId: string,
  input: { datasetId: string; name: string },
): Promise<{ id: string; name: string }> {
  const dataset = await findUploaded(prisma, projectId, input.datasetId);
  if (input.name === BUILTIN_SUITE_NAME)
    throw badRequest("that name is the built-in suite's", { name: ["that name is the built-in suite's"] });
  try {
    return await prisma.dataset.update({
      where: { id: dataset.id },
      data: { name: input.name },
      select: { id: true, name: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw badRequest(`a dataset named "${input.name}" exists in this project`, {
        name: ["already taken in this project"],
      });
    throw error;
  }
}

/** Deletes an unused dataset with its problems; refused, naming the runs, while any run uses it. */
export async function deleteDataset(
  prisma: PrismaClient,
  projectId: string,
  datasetId: string,
): Promise<{ id: string }> {
  const dataset = await findUploaded(prisma, projectId, datasetId);
  return prisma.$transaction(async (tx) => {
    // Locked, so a launch that reads the dataset in the meantime waits and then finds it gone.
    await tx.$queryRaw`SELECT id FROM datasets WHERE id = ${dataset.id}::uuid FOR UPDATE`;
    const [runs, total] = await Promise.all([
      tx.run.findMany({
        where: { datasetId: dataset.id },
        select: { name: true },
        orderBy: { createdAt: "desc" },
        take: LISTED_RUNS,
      }),
      tx.run.count({ where: { datasetId: dataset.id } }),
    ]);
    if (total > 0) {
      const names = runs.map((r) => `"${r.name}"`).join(", ");
      const more = total > runs.length ? ` and ${total - runs.length} more` : "";
      throw new AppError(
        "conflict",
        `"${dataset.name}" is used by ${total} run(s): ${names}${more}; a dataset is deleted only while no run uses it (delete those runs first, or keep it)`,
        { runs: runs.map((r) => r.name) },
      );
    }
    await tx.dataset.delete({ where: { id: dataset.id } });
    return { id: dataset.id };
  });
}
