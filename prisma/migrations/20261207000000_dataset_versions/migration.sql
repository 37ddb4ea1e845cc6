-- A dataset's version is the sha256 of its problems (split, position, question, answer), filled in on
-- first launch (problems never change after an upload). A run records the dataset's name and version at
-- launch, so its header names what it trained on even after the dataset is renamed.
ALTER TABLE "datasets" ADD COLUMN "content_hash" TEXT;
ALTER TABLE "runs" ADD COLUMN "dataset_name" TEXT;
ALTER TABLE "runs" ADD COLUMN "dataset_version" TEXT;
