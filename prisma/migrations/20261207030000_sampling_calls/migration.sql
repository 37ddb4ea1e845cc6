-- Every policy sampling batch a step sends (one PolicyBackend.sample call: the train batch, the test
-- batch) with what it cost, as llm_calls does for reflection calls. Null: not recorded.
CREATE TABLE "sampling_calls" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "model" TEXT,
    "requests" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "latency_ms" INTEGER,
    "retries" INTEGER,
    "cost_usd" DOUBLE PRECISION,

    CONSTRAINT "sampling_calls_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "sampling_calls_run_id_step_ordinal_key" ON "sampling_calls"("run_id", "step", "ordinal");

ALTER TABLE "sampling_calls" ADD CONSTRAINT "sampling_calls_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
