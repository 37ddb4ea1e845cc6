"use client";
/**
 * Client-side chart export: the chart's own SVG serialised as a file, or drawn onto a canvas for PNG.
 * Recharts renders plain SVG, so nothing is re-rendered for the export.
 */

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  return new XMLSerializer().serializeToString(clone);
}

export function findChartSvg(container: HTMLElement | null): SVGSVGElement | null {
  return container?.querySelector<SVGSVGElement>("svg.recharts-surface") ?? null;
}

export function downloadSvg(svg: SVGSVGElement, baseName: string) {
  download(new Blob([serialiseSvg(svg)], { type: "image/svg+xml" }), `${baseName}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, baseName: string) {
  const { width, height } = svg.getBoundingClientRect();
  const scale = 2; // crisp on high-density screens and in slides
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serialiseSvg(svg))}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas 2d context unavailable");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("PNG encoding failed");
  download(blob, `${baseName}.png`);
}
