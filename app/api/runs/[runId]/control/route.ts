import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { cancelRun, hardCancelRun, pauseRun, resumeRun } from "@/lib/runs/controls";

export const dynamic = "force-dynamic";

const body = z.object({ action: z.enum(["pause", "resume", "cancel", "hard_cancel"]) });
const CONTROLS = { pause: pauseRun, resume: resumeRun, cancel: cancelRun, hard_cancel: hardCancelRun };

/** Pause, resume or cancel a run: editors and owners of its project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    body,
  },
  ({ body, params, caller }) => CONTROLS[body.action](params.runId, { actorId: caller.user.id }),
);
