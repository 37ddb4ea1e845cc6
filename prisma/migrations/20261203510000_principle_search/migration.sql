-- Server-side search over principle text (the Prompts view): a trigram index answers substring
-- searches (LIKE '%…%') without scanning every program of a big run. The indexed expression is one
-- immutable function, so the query and the index use exactly the same text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The principles' texts as one lower-case JSON array text ('["check parity first.", …]'). A single
-- jsonpath call (C code, inlinable), about ten times cheaper per row than unnesting the array; a search
-- escapes its needle the way JSON text does (quotes, backslashes, control characters), see
-- lib/data/prompts/list-programs.ts.
CREATE FUNCTION principles_search_text(principles jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(jsonb_path_query_array(principles, '$[*].text')::text) $$;

CREATE INDEX programs_principles_search_idx ON programs USING gin (principles_search_text(principles) gin_trgm_ops);

