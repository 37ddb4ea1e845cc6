"use client";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import {
  parseLineageUrl,
  roundViewport,
  serialiseLineageUrl,
  type LineageUrlState,
} from "@/lib/view/lineage/url-state";

/**
 * The lineage view's URL state: read once when the view opens, written back as it changes. Written
 * with history.replaceState, which Next's router picks up (useSearchParams follows) without a new
 * history entry and without a server round trip: router.replace would re-render the page on the
 * server and ship the whole lineage again on every pan, zoom and click.
 */
export function useLineageUrl(run: { lastStep: number; hasProgram: (id: number) => boolean }) {
  const params = useSearchParams();
  const [initial] = useState(() => parseLineageUrl(new URLSearchParams(params.toString()), run));
  return initial;
}

export function useWriteLineageUrl(state: LineageUrlState, lastStep: number) {
  const v = state.viewport ? roundViewport(state.viewport) : null;
  const { program, step } = state;
  const vx = v?.x;
  const vy = v?.y;
  const vz = v?.zoom;
  useEffect(() => {
    const current = new URLSearchParams(window.location.search);
    const viewport =
      vx !== undefined && vy !== undefined && vz !== undefined ? { x: vx, y: vy, zoom: vz } : null;
    const next = serialiseLineageUrl(current, { program, step, viewport }, lastStep).toString();
    if (next === current.toString()) return;
    window.history.replaceState(null, "", `${window.location.pathname}${next ? `?${next}` : ""}`);
  }, [program, step, vx, vy, vz, lastStep]);
}
