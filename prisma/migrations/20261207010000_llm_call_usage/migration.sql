-- Every reflection call records what it cost: the attempts retried and, where the backend has prices,
-- dollars. Null means not recorded (a backend that cannot tell, or a call stored before this column).
ALTER TABLE "llm_calls" ADD COLUMN "retries" INTEGER;
ALTER TABLE "llm_calls" ADD COLUMN "cost_usd" DOUBLE PRECISION;
