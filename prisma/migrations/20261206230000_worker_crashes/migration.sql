-- Poison-run detection: worker crashes while holding a run, since its last committed step.
ALTER TABLE "runs" ADD COLUMN "crash_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "crash_step" INTEGER;

-- Live run workers and their heartbeats, for /api/health.
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "active_runs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "workers_expires_at_idx" ON "workers"("expires_at");
