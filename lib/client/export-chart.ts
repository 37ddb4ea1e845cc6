"use client";
/**
 * Client-side chart export: the chart's own SVG serialised as a file (or drawn onto a canvas for PNG),
 * and the drawn series as CSV. Recharts renders plain SVG, so nothing is re-rendered for the export;
 * but its colours are CSS variables (they follow the theme), which a file opened elsewhere cannot
 * resolve, so every colour is written out as the value the page computed for it.
 */

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled, so the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const PAINT = ["fill", "stroke", "stop-color", "color"] as const;

let probe: CanvasRenderingContext2D | null = null;
const rgbCache = new Map<string, string>();

/**
 * A computed colour as rgb()/rgba(): the theme's colours compute to oklch(), which browsers draw but
 * many SVG viewers and editors do not, so each is painted once on a 1×1 canvas and read back.
 */
function toRgb(value: string): string {
  if (value === "none" || value.startsWith("url(") || value.startsWith("rgb")) return value;
  const cached = rgbCache.get(value);
  if (cached) return cached;
  probe ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!probe) return value;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = value;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  const rgb = a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${((a ?? 0) / 255).toFixed(3)})`;
  rgbCache.set(value, rgb);
  return rgb;
}

/** Copies the computed paint of every element of `source` onto the same element of `clone`. */
function inlineComputedPaint(source: SVGSVGElement, clone: SVGSVGElement) {
  const from = [source, ...source.querySelectorAll("*")];
  const to = [clone, ...clone.querySelectorAll("*")];
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const style = getComputedStyle(el);
    for (const prop of PAINT) {
      const attr = target.getAttribute(prop);
      if (attr === null && !(target.getAttribute("style") ?? "").includes(prop)) continue;
      const value = style.getPropertyValue(prop);
      if (value) target.setAttribute(prop, toRgb(value));
    }
    // Inline styles may hold var(...) too; the attributes above now carry the resolved values.
    const inline = target.getAttribute("style");
    if (inline?.includes("var("))
      target.setAttribute("style", inline.replace(/[\w-]+:\s*var\([^)]*\);?/g, ""));
  });
}

/** The page's surface colour (white, or the dark theme's surface), so a PNG matches what was seen. */
function surfaceColour(): string {
  return toRgb(getComputedStyle(document.body).backgroundColor || "white");
}

function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineComputedPaint(svg, clone);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  clone.setAttribute("style", `background:${surfaceColour()};font-family:sans-serif`);
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
  ctx.fillStyle = surfaceColour();
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("PNG encoding failed");
  download(blob, `${baseName}.png`);
}

/** CSV text (prepared by lib/view/charts/prepare-chart.ts buildSeriesCsv) as a file. */
export function downloadCsv(csv: string, baseName: string) {
  download(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${baseName}.csv`);
}
