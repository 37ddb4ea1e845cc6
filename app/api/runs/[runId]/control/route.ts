import { defineRoute } from "@/lib/server/http/route";
import { cancelRun, hardCancelRun, pauseRun, resumeRun } from "@/lib/server/runs/controls";
import { runControlBodySchema } from "@/lib/domain/runs/run-control-input";

export const dynamic = "force-dynamic";

const CONTROLS = { pause: pauseRun, resume: resumeRun, cancel: cancelRun, hard_cancel: hardCancelRun };

/** Pause, resume or cancel a run: editors and owners of its project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    body: runControlBodySchema,
  },
  ({ body, params, caller }) => CONTROLS[body.action](params.runId, { actorId: caller.user.id }),
);
