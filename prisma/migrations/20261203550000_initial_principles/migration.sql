-- A run may start from principles of its own instead of the reference's empty root program.
ALTER TABLE "runs" ADD COLUMN "initial_principles" TEXT[] DEFAULT ARRAY[]::TEXT[];
