/**
 * The lineage view's state kept in the page's search params, so a reload or a shared link reopens the
 * same program, replay step and viewport: `program`, `step`, and the viewport as its centre in graph
 * coordinates (`x`, `y`, rounded to whole pixels) and `zoom` (two decimals, so panning writes few
 * distinct URLs). A bad or out-of-range value is dropped on its own and the rest still applies: a
 * hand-edited link degrades to the default view rather than an error page.
 */
import { z } from "zod";

export interface LineageUrlViewport {
  x: number;
  y: number;
  zoom: number;
}

export interface LineageUrlState {
  program: number | null;
  /** Null: the last step (a live run's graph then follows new steps). */
  step: number | null;
  viewport: LineageUrlViewport | null;
}

export const LINEAGE_URL_KEYS = ["program", "step", "x", "y", "zoom"] as const;

const integer = z.coerce.number().int();
const fields = {
  program: integer.min(0).max(2_147_483_647),
  step: integer.min(-1).max(2_147_483_647),
  x: z.coerce.number().finite().min(-1e7).max(1e7),
  y: z.coerce.number().finite().min(-1e7).max(1e7),
  zoom: z.coerce.number().finite().min(0.01).max(4),
};

function readField<K extends keyof typeof fields>(params: URLSearchParams, key: K): number | null {
  const raw = params.get(key);
  if (raw === null || raw.trim() === "") return null;
  const parsed = fields[key].safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The state in `params`, each field checked against the run: an unknown program or step is dropped. */
export function parseLineageUrl(
  params: URLSearchParams,
  run: { lastStep: number; hasProgram: (id: number) => boolean },
): LineageUrlState {
  const program = readField(params, "program");
  const step = readField(params, "step");
  const x = readField(params, "x");
  const y = readField(params, "y");
  const zoom = readField(params, "zoom");
  return {
    program: program !== null && run.hasProgram(program) ? program : null,
    step: step !== null && step <= run.lastStep ? step : null,
    viewport: x !== null && y !== null && zoom !== null ? { x, y, zoom } : null,
  };
}

/** Rounds a viewport centre for the URL (whole pixels, zoom to two decimals). */
export function roundViewport(v: LineageUrlViewport): LineageUrlViewport {
  return { x: Math.round(v.x), y: Math.round(v.y), zoom: Math.round(v.zoom * 100) / 100 };
}

/**
 * `params` with the lineage keys replaced by `state` (others, such as a tab's, kept as they are); the
 * last step and no selection are written as absent keys, so the default view has a clean URL.
 */
export function serialiseLineageUrl(
  params: URLSearchParams,
  state: LineageUrlState,
  lastStep: number,
): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const k of LINEAGE_URL_KEYS) out.delete(k);
  if (state.program !== null) out.set("program", String(state.program));
  if (state.step !== null && state.step !== lastStep) out.set("step", String(state.step));
  if (state.viewport) {
    const v = roundViewport(state.viewport);
    out.set("x", String(v.x));
    out.set("y", String(v.y));
    out.set("zoom", String(v.zoom));
  }
  return out;
}
