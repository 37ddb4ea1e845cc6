-- Full-text search over rollout completions (the rollouts browser's search box). The tsvector is a
-- stored generated column, so every writer of rollout_texts (the runner's step writer, the importer,
-- tests inserting by hand) gets it without code, and the GIN index answers
-- `search @@ websearch_to_tsquery('english', q)` without reading any completion.
-- The text is cut at 300,000 characters: a tsvector is limited to 1 MB, and an insert must never fail
-- because a model wrote an endless completion (the rest of such a text is not searchable).
ALTER TABLE "rollout_texts"
  ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, left("completion", 300000))) STORED;

CREATE INDEX "rollout_texts_search_idx" ON "rollout_texts" USING gin ("search");
