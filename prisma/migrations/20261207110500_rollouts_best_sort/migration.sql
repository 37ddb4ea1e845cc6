-- The rollouts browser's "best reward first" order (reward, then newest step, down to the sample) read
-- backwards from this index: a page of a 400,000-rollout run costs well under a millisecond instead of
-- sorting the run (about 0.4-0.9 s), and a search walks it until a page of matches is found.
CREATE INDEX "rollouts_run_best_idx" ON "rollouts" ("run_id", "reward", "step", "split", "slot", "problem_index", "sample_index");
