/**
 * A dataset's version: the sha256 of its problems in split and position order. Problems never change
 * after an upload (a rename changes the name only), so the hash is computed once, on the first launch
 * that needs it, and kept on the dataset; a run records it so two runs can be told apart when one
 * trained on a re-uploaded file of the same name.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "$queryRaw" | "dataset">;

/** The stored hash, or computed in the database (no 10 MB of text through Node) and stored. */
export async function ensureDatasetVersion(prisma: Db, datasetId: string): Promise<string> {
  const stored = await prisma.dataset.findUnique({ where: { id: datasetId }, select: { contentHash: true } });
  if (stored?.contentHash) return stored.contentHash;
  const [row] = await prisma.$queryRaw<{ hash: string }[]>`
    SELECT encode(sha256(convert_to(coalesce(string_agg(
             split::text || E'\t' || position || E'\t' || question || E'\t' || answer,
             E'\n' ORDER BY split, position), ''), 'UTF8')), 'hex') AS hash
      FROM problems WHERE dataset_id = ${datasetId}::uuid`;
  const hash = row!.hash;
  await prisma.dataset.update({ where: { id: datasetId }, data: { contentHash: hash } });
  return hash;
}
