import { withShareToken } from "@/lib/client/run-view-context";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/domain/export-formats";

export function ExportLinks({ runId, shareToken }: { runId: string; shareToken: string | null }) {
  return (
    <span className="flex items-center gap-2">
      Export:
      {EXPORT_FORMATS.map((f) => (
        <a
          key={f}
          className="underline"
          href={withShareToken(`/api/runs/${runId}/export?format=${f}`, shareToken)}
          download
          title={EXPORT_FORMAT_INFO[f].description}
        >
          {EXPORT_FORMAT_INFO[f].fileSuffix}
        </a>
      ))}
    </span>
  );
}
