-- A step's reflection_calls is the number of LLM calls it stores. Steps written before this (native runs
-- whose reflection backend reported nothing, and every import) said 0 while their calls were stored.
UPDATE "steps" s SET "reflection_calls" = c.n
FROM (
  SELECT e."run_id", e."step", count(*)::int AS n
  FROM "llm_calls" l JOIN "evolution_events" e ON e."id" = l."event_id"
  GROUP BY e."run_id", e."step"
) c
WHERE c."run_id" = s."run_id" AND c."step" = s."step" AND s."reflection_calls" <> c.n;
