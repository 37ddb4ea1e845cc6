/** RUN arguments: a full run id, or a prefix of one as long as it is unique (ids are long to type). */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CliError } from "./cli-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/;

export async function resolveRunRef(prisma: PrismaClient, ref: string): Promise<string> {
  const text = ref.trim().toLowerCase();
  if (UUID.test(text)) {
    const run = await prisma.run.findUnique({ where: { id: text }, select: { id: true } });
    if (!run) throw new CliError(`no run ${ref}`);
    return run.id;
  }
  if (!PREFIX.test(text))
    throw new CliError(`no run "${ref}" (give a run id, or at least its first 4 characters)`);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM runs WHERE id::text LIKE ${`${text}%`} ORDER BY created_at DESC LIMIT 3`;
  if (rows.length === 0) throw new CliError(`no run ${ref}`);
  if (rows.length > 1)
    throw new CliError(
      `${ref} is ambiguous: ${rows.map((r) => r.id).join(", ")}${rows.length > 2 ? ", …" : ""}`,
    );
  return rows[0]!.id;
}
