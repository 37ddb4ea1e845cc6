import { Suspense } from "react";
import { RunNotFound } from "@/components/not-found/run-not-found";

/** Also a share link's run views' 404 (app/s/[token]/runs/[id] re-exports it). */
export default function RunViewNotFound() {
  return (
    <Suspense>
      <RunNotFound />
    </Suspense>
  );
}
