"use client";
import type { RefObject } from "react";
import { downloadCsv, downloadPng, downloadSvg, findChartSvg } from "@/lib/client/export-chart";

/** PNG, SVG and CSV downloads of one chart; the CSV is built on demand from what is drawn. */
export function ChartExport({
  title,
  fileName,
  chartRef,
  csv,
}: {
  title: string;
  fileName: string;
  chartRef: RefObject<HTMLDivElement | null>;
  csv: () => string;
}) {
  const image = (kind: "svg" | "png") => {
    const svg = findChartSvg(chartRef.current);
    if (!svg) return;
    if (kind === "svg") downloadSvg(svg, fileName);
    else void downloadPng(svg, fileName);
  };
  const button = "rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900";
  return (
    <span className="flex items-center gap-0.5 text-xs" role="group" aria-label={`Download ${title}`}>
      <button
        type="button"
        className={button}
        onClick={() => image("png")}
        aria-label={`Download ${title} as PNG`}
      >
        PNG
      </button>
      <button
        type="button"
        className={button}
        onClick={() => image("svg")}
        aria-label={`Download ${title} as SVG`}
      >
        SVG
      </button>
      <button
        type="button"
        className={button}
        onClick={() => downloadCsv(csv(), fileName)}
        aria-label={`Download ${title} as CSV`}
      >
        CSV
      </button>
    </span>
  );
}
