import { experimentControlSchema, type ExperimentControlInput } from "@/lib/domain/experiments/launch-spec";
import { getPrisma } from "@/lib/server/db/client";
import { controlExperiment } from "@/lib/server/experiments/control-experiment";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Pause, resume or cancel every run of an experiment: editors and owners of its project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: ExperimentControlInput }) => ({ projectId: body.projectId }),
    },
    body: experimentControlSchema,
  },
  ({ body, params, project, caller }) =>
    controlExperiment(
      getPrisma(),
      { experimentId: (params as { experimentId: string }).experimentId, projectId: project.projectId },
      body.action,
      { actorId: caller.user.id },
    ),
);
