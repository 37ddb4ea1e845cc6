-- State the runner needs to resume a run, and per-step details for the dashboard.
ALTER TABLE "runs" ADD COLUMN "engine_state" JSONB;

ALTER TABLE "steps" ADD COLUMN "batch_index" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "steps" ADD COLUMN "details" JSONB NOT NULL DEFAULT '{}';

ALTER TABLE "rollouts" ADD COLUMN "trained" BOOLEAN NOT NULL DEFAULT false;
