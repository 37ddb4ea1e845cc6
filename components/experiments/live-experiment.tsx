"use client";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import { useLiveExperiment } from "@/lib/client/use-experiment";
import { ExperimentControls } from "./experiment-controls";
import { ExperimentView } from "./experiment-view";

/**
 * The experiment page kept live: its runs' changes re-read the results table and aggregate curves
 * while they execute, and the group's controls sit beside its name.
 */
export function LiveExperiment({ initial, queryString }: { initial: ExperimentGroups; queryString: string }) {
  const { groups, streaming } = useLiveExperiment(initial.experiment.id, queryString, initial);
  return (
    <ExperimentView
      groups={groups}
      actions={
        <ExperimentControls
          experimentId={groups.experiment.id}
          projectId={groups.experiment.projectId}
          statuses={groups.table.runs.map((r) => r.status)}
          streaming={streaming}
        />
      }
    />
  );
}
