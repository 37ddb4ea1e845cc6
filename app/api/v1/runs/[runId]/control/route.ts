export const dynamic = "force-dynamic";

// The v1 API's run control is the dashboard's route itself: one handler, one schema, one access rule.
export { POST } from "@/app/api/runs/[runId]/control/route";
