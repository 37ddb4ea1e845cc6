-- Imported runs remember where they came from, so importing the same folder again adds to the same run.
ALTER TABLE "runs" ADD COLUMN "import_key" TEXT;

CREATE UNIQUE INDEX "runs_project_id_import_key_key" ON "runs"("project_id", "import_key");
