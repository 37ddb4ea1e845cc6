-- Server-side search over principle text (the Prompts view): a trigram index answers substring
-- searches (LIKE '%…%') without scanning every program of a big run. The indexed expression is one
-- immutable function, so the query and the index use exactly the same text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION principles_search_text(principles jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT lower(coalesce(string_agg(e ->> 'text', E'\n'), ''))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(principles) = 'array' THEN principles ELSE '[]'::jsonb END) AS e
  $$;

CREATE INDEX programs_principles_search_idx ON programs USING gin (principles_search_text(principles) gin_trgm_ops);

