-- The rollouts browser filters one program's rollouts and pages them in (step, split, slot, problem,
-- sample) order; with the program id alone Postgres had to read and sort all of a program's rollouts
-- (a root program can own a large share of a 400k-rollout run) to return a page. The composite index
-- also covers the program foreign key, so the single-column index goes.
DROP INDEX "rollouts_program_id_idx";

CREATE INDEX "rollouts_program_keyset_idx"
  ON "rollouts"("program_id", "step", "split", "slot", "problem_index", "sample_index");
