"use client";
import { useReactFlow, useStore } from "@xyflow/react";
import { useState } from "react";
import {
  centreOf,
  centreOn,
  decideFit,
  fitAll,
  FIT_MAX_ZOOM,
  MIN_NODE_PX,
  type Box,
} from "@/lib/view/lineage/fit-view";
import { MIN_NODE_SIZE } from "@/lib/view/lineage/graph";
import type { LineageUrlViewport } from "@/lib/view/lineage/url-state";

/** The zoom at which the smallest node is MIN_NODE_PX on screen (moves to a program never go below it). */
export const READABLE_ZOOM = Math.min(FIT_MAX_ZOOM, MIN_NODE_PX / MIN_NODE_SIZE);

/**
 * The graph's opening viewport and the moves that replace it. Decided once the graph box has a size
 * (the `measure` ref): the URL's viewport if it had one, else a fit that keeps nodes readable
 * (lib/view/lineage/fit-view.ts), which may show only the best region and offer "Show all".
 */
export function useOpeningView({
  urlViewport,
  drawn,
  focus,
  best,
}: {
  urlViewport: LineageUrlViewport | null;
  drawn: readonly Box[];
  /** The best region (the labelled programs). */
  focus: readonly Box[];
  best: Box | null;
}) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const [opening, setOpening] = useState<ReturnType<typeof decideFit> | null>(null);
  const [showingAll, setShowingAll] = useState(false);

  const measure = (el: HTMLDivElement | null) => {
    if (!el || opening) return;
    const w = el.clientWidth;
    const h = el.clientHeight;
    if (urlViewport) {
      const v = urlViewport;
      setOpening({ mode: "all", viewport: centreOn(v.x, v.y, v.zoom, w, h) });
    } else setOpening(decideFit(drawn, focus, best, w, h));
  };

  return {
    opening,
    measure,
    /** "all" or "focus" once decided ("all" after Show all), for tests and the buttons. */
    fit: opening ? (showingAll ? "all" : opening.mode) : undefined,
    /** Shows every drawn program; null unless the opening showed only the best region. */
    showAll:
      opening?.mode === "focus" && !showingAll
        ? () => {
            setShowingAll(true);
            void flow.setViewport(fitAll(drawn, width, height), { duration: 300 });
          }
        : null,
    /** Centres a program at a readable zoom (or closer, if already closer). */
    centreProgram: (p: { x: number; y: number }) => {
      setShowingAll(false);
      void flow.setCenter(p.x, p.y, { zoom: Math.max(flow.getZoom(), READABLE_ZOOM), duration: 300 });
    },
    /** The viewport as the URL keeps it: the graph point at the centre, and the zoom. */
    toUrl: (v: { x: number; y: number; zoom: number }): LineageUrlViewport => ({
      ...centreOf(v, width, height),
      zoom: v.zoom,
    }),
  };
}
