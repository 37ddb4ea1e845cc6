-- Run curation: a researcher stars the runs that matter, archives the ones that don't (hidden from the
-- runs list by default, never deleted) and keeps markdown notes on a run. Experiments already carry notes.
ALTER TABLE "runs" ADD COLUMN "starred" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "runs" ADD COLUMN "archived_at" TIMESTAMPTZ(3);
ALTER TABLE "runs" ADD COLUMN "notes" TEXT;

-- The runs list's default page: one project's unarchived runs, newest first.
CREATE INDEX "runs_project_id_archived_at_created_at_idx" ON "runs"("project_id", "archived_at", "created_at" DESC);
