-- Evaluation cells beyond the run's own sampled checkpoints: a transfer row graded on another saved backend
-- of the project (backend_id: its model, none of the run's weights), and, for imported runs, cells copied
-- from the recorded test rollouts of a step (recorded_step) or marked as needing a live backend, with
-- why in plain words (note).
CREATE TYPE "evaluation_cell_source" AS ENUM ('sampled', 'recorded', 'needs_backend');

ALTER TABLE "evaluation_cells"
    ADD COLUMN "source" "evaluation_cell_source" NOT NULL DEFAULT 'sampled',
    ADD COLUMN "recorded_step" INTEGER,
    ADD COLUMN "backend_id" UUID,
    ADD COLUMN "note" TEXT;

CREATE INDEX "evaluation_cells_backend_id_idx" ON "evaluation_cells"("backend_id");

ALTER TABLE "evaluation_cells" ADD CONSTRAINT "evaluation_cells_backend_id_fkey" FOREIGN KEY ("backend_id") REFERENCES "model_backends"("id") ON DELETE SET NULL ON UPDATE CASCADE;
