-- Evaluation jobs: a grid of (checkpoint × program) pairs of a run graded on a dataset split by the
-- worker, its cells, and every graded sample. The unique keys let a resumed job re-insert a cell's samples
-- with ON CONFLICT DO NOTHING, so a worker killed mid-cell leaves no duplicates.
CREATE TYPE "evaluation_job_status" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

CREATE TABLE "evaluation_jobs" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "status" "evaluation_job_status" NOT NULL DEFAULT 'queued',
    "spec" JSONB NOT NULL,
    "seed" INTEGER NOT NULL,
    "cells_total" INTEGER NOT NULL,
    "cells_done" INTEGER NOT NULL DEFAULT 0,
    "samples_total" INTEGER NOT NULL,
    "samples_done" INTEGER NOT NULL DEFAULT 0,
    "eta_seconds" INTEGER,
    "heartbeat_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluation_jobs_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "evaluation_jobs_run_id_created_at_idx" ON "evaluation_jobs"("run_id", "created_at" DESC);

CREATE INDEX "evaluation_jobs_project_id_idx" ON "evaluation_jobs"("project_id");

ALTER TABLE "evaluation_jobs" ADD CONSTRAINT "evaluation_jobs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "evaluation_cells" (
    "id" SERIAL NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "checkpoint_label" TEXT NOT NULL,
    "checkpoint_step" INTEGER NOT NULL,
    "checkpoint_name" TEXT,
    "program_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,
    "metrics" JSONB,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluation_cells_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "evaluation_cells_evaluation_id_position_key" ON "evaluation_cells"("evaluation_id", "position");

CREATE UNIQUE INDEX "evaluation_cells_pair_key" ON "evaluation_cells"("evaluation_id", "checkpoint_step", "checkpoint_label", "program_id");

ALTER TABLE "evaluation_cells" ADD CONSTRAINT "evaluation_cells_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "evaluation_samples" (
    "id" BIGSERIAL NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "cell_id" INTEGER NOT NULL,
    "problem_index" INTEGER NOT NULL,
    "problem_id" INTEGER,
    "sample_index" INTEGER NOT NULL,
    "reward" DOUBLE PRECISION NOT NULL,
    "extracted_answer" TEXT,
    "completion" TEXT NOT NULL,
    "completion_tokens" INTEGER,

    CONSTRAINT "evaluation_samples_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "evaluation_samples_cell_id_problem_index_sample_index_key" ON "evaluation_samples"("cell_id", "problem_index", "sample_index");

CREATE INDEX "evaluation_samples_evaluation_id_idx" ON "evaluation_samples"("evaluation_id");

ALTER TABLE "evaluation_samples" ADD CONSTRAINT "evaluation_samples_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "evaluation_samples" ADD CONSTRAINT "evaluation_samples_cell_id_fkey" FOREIGN KEY ("cell_id") REFERENCES "evaluation_cells"("id") ON DELETE CASCADE ON UPDATE CASCADE;
