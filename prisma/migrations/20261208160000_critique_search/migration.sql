-- Full-text search over the reflection critiques (the rollouts browser's "search in critiques"): the
-- reply of every llm_calls row that is a critique ('mutation.critique' in native runs, 'critique' in
-- imported ones, as lib/view/prompts/call-stage.ts reads them) gets a tsvector, as the completions have one
-- (20261207110000_rollout_search). A stored generated column, so the step writer and the importer get it
-- without code; other purposes (summaries, revision plans, crossovers) stay NULL and cost no index entry.
-- Cut at 300,000 characters for the same reason as the completions: a tsvector is limited to 1 MB.
ALTER TABLE "llm_calls"
  ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    CASE WHEN "purpose" IN ('mutation.critique', 'critique') THEN to_tsvector('english'::regconfig, left(coalesce("raw_reply", ''), 300000)) END
  ) STORED;

CREATE INDEX "llm_calls_search_idx" ON "llm_calls" USING gin ("search");
