-- Completed chart buckets of each run's success series, aggregated once (lib/data/run-series.ts).
CREATE TABLE "series_buckets" (
    "run_id" UUID NOT NULL,
    "width" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "time" DOUBLE PRECISION NOT NULL,
    "samples" INTEGER NOT NULL,

    CONSTRAINT "series_buckets_pkey" PRIMARY KEY ("run_id","width","key","bucket")
);

ALTER TABLE "series_buckets" ADD CONSTRAINT "series_buckets_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- How many leading buckets series_buckets holds per run and width (sparse keys leave no rows).
CREATE TABLE "series_fills" (
    "run_id" UUID NOT NULL,
    "width" INTEGER NOT NULL,
    "buckets" INTEGER NOT NULL,

    CONSTRAINT "series_fills_pkey" PRIMARY KEY ("run_id","width")
);

ALTER TABLE "series_fills" ADD CONSTRAINT "series_fills_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
