-- Per-backend settings (concurrency limit, timeouts, API flavour, prices) and token usage per step:
-- policy sampling and reflection calls counted apart, plus tokens the trainer reported training on.
ALTER TABLE "model_backends" ADD COLUMN "options" JSONB NOT NULL DEFAULT '{}';

ALTER TABLE "steps" ADD COLUMN "policy_prompt_tokens" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "policy_completion_tokens" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "reflection_prompt_tokens" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "reflection_completion_tokens" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "reflection_calls" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "train_tokens" INTEGER NOT NULL DEFAULT 0;
