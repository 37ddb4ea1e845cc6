import { experimentControlSchema, type ExperimentControlInput } from "@/lib/domain/experiments/launch-spec";
import { getPrisma } from "@/lib/server/db/client";
import { controlExperiment } from "@/lib/server/experiments/control-experiment";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * Pause, resume or cancel every run of a group: editors and owners of its project. The dashboard's
 * control (app/api/experiments/[experimentId]/control) with its schema; a group outside the named
 * project, or a malformed id, is not found.
 */
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
      { experimentId: (params as { groupId: string }).groupId, projectId: project.projectId },
      body.action,
      { actorId: caller.user.id },
    ),
);
