import { z } from "zod";
import { defineRoute } from "@/lib/server/http/route";
import { getPrisma } from "@/lib/server/db/client";
import { launchExperiment } from "@/lib/server/experiments/launch-experiment";
import type { ExperimentLaunchInput } from "@/lib/domain/experiments/launch-spec";

export const dynamic = "force-dynamic";

// Only the project is read here (for the rule); launchExperiment checks the rest, naming each bad key.
const launchBody = z.looseObject({ projectId: z.uuid() });

/** Launch an experiment (seeds × sweep settings as one group): editors and owners of the project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: z.infer<typeof launchBody> }) => ({ projectId: body.projectId }),
    },
    body: launchBody,
  },
  async ({ body, caller }) => {
    const { experiment, runs } = await launchExperiment(getPrisma(), {
      ...(body as ExperimentLaunchInput),
      createdById: caller.user.id,
    });
    return { experimentId: experiment.id, name: experiment.name, runIds: runs.map((r) => r.id) };
  },
);
