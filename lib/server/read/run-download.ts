import "server-only";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import { EXPORT_FORMAT_INFO, type ExportFormat } from "@/lib/domain/export-formats";
import { openRunExport } from "@/lib/server/io/export/export-run";

/**
 * A run export as a streamed download, in the CLI's formats (lib/server/io/export). The scope is checked before
 * anything streams. A share link frozen at a step gets no export: the exporters fence at the committed
 * step, not at an arbitrary one, so they would reveal later steps.
 */
export async function openRunDownload(
  scope: ReadScope,
  runId: string,
  format: ExportFormat,
): Promise<Response> {
  const prisma = getPrisma();
  const run = await prisma.run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { name: true },
  });
  if (!run || scope.frozenAtStep !== undefined) throw notFound("run");
  const chunks = await openRunExport(prisma, runId, format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const info = EXPORT_FORMAT_INFO[format];
  const fileName = `${run.name.replace(/[^A-Za-z0-9._-]+/g, "_") || "run"}.${info.fileSuffix}`;
  return new Response(body, {
    headers: {
      "content-type": info.contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
    },
  });
}
