import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/export/export-formats";

export function ExportLinks({ runId }: { runId: string }) {
  return (
    <span className="flex items-center gap-2">
      Export:
      {EXPORT_FORMATS.map((f) => (
        <a
          key={f}
          className="underline"
          href={`/api/runs/${runId}/export?format=${f}`}
          download
          title={EXPORT_FORMAT_INFO[f].description}
        >
          {EXPORT_FORMAT_INFO[f].fileSuffix}
        </a>
      ))}
    </span>
  );
}
