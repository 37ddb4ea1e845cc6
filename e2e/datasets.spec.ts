import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { openPage } from "./open-page";

test.beforeAll(async () => {
  await withDb((db) =>
    db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'E2E datasets', 'e2e-datasets', now())
       ON CONFLICT (slug) DO NOTHING`,
    ),
  );
});

const datasetCount = (name: string) =>
  withDb(async (db) =>
    Number((await db.query(`SELECT count(*) AS n FROM datasets WHERE name = $1`, [name])).rows[0].n),
  );

test("the built-in simulator suite is listed with its problem counts", async ({ page }) => {
  await openPage(page, "/datasets");
  const builtin = page.getByTestId("dataset-row").filter({ hasText: "Simulator suite (built-in)" }).first();
  await expect(builtin).toContainText("built-in, read-only");
  await expect(builtin).toContainText("256");
});

test("a good CSV: preview, then every row imported", async ({ page }) => {
  const name = `good ${randomUUID().slice(0, 8)}`;
  const csv =
    'problem,answer,split\n"What is 1,000 + 1?",1001,train\nWhat is 2+2?,4,train\nWhat is 3*3?,9,test\n';
  await openPage(page, "/datasets");
  await page
    .getByLabel("File (JSONL, JSON array or CSV)")
    .setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("upload-preview")).toContainText("What is 1,000 + 1?");
  await expect(page.getByLabel("Problem column")).toHaveValue("problem");
  await expect(page.getByLabel("Split column")).toHaveValue("split");
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported 3 problems (2 train, 1 test).");
  const stored = await withDb((db) =>
    db.query(
      `SELECT train_count, test_count, (SELECT count(*) FROM problems p WHERE p.dataset_id = d.id)::int AS n FROM datasets d WHERE name = $1`,
      [name],
    ),
  );
  expect(stored.rows[0]).toEqual({ train_count: 2, test_count: 1, n: 3 });
  await expect(page.getByTestId("dataset-row").filter({ hasText: name })).toBeVisible();
});

test("a broken JSONL: row-level errors shown and nothing imported", async ({ page }) => {
  const name = `broken ${randomUUID().slice(0, 8)}`;
  const jsonl = [
    '{"question":"a","answer":"1"}',
    '{"question":"","answer":"2"}',
    '{"question":"c","answer":""}',
  ].join("\n");
  await openPage(page, "/datasets");
  await page
    .getByLabel("File (JSONL, JSON array or CSV)")
    .setInputFiles({ name: "broken.jsonl", mimeType: "application/json", buffer: Buffer.from(jsonl) });
  await expect(page.getByTestId("upload-preview")).toBeVisible();
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Import" }).click();
  const errors = page.getByTestId("import-refused").getByTestId("row-errors");
  await expect(errors).toContainText('Line 2: the problem (column "question") is empty');
  await expect(errors).toContainText('Line 3: the answer (column "answer") is empty');
  expect(await datasetCount(name)).toBe(0);
});

test("dataset rows full of markup render as text in the preview and the dataset page", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const name = `markup ${randomUUID().slice(0, 8)}`;
  const question = `<img src=x onerror="window.__xss = 1"> What is <b>2+2</b>?`;
  const jsonl = [
    JSON.stringify({ question, answer: "<script>window.__xss = 2</script>4", split: "train" }),
    JSON.stringify({ question: "What is 3*3?", answer: "9", split: "test" }),
  ].join("\n");
  await openPage(page, "/datasets");
  await page
    .getByLabel("File (JSONL, JSON array or CSV)")
    .setInputFiles({ name: "markup.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(jsonl) });
  await expect(page.getByTestId("upload-preview")).toContainText(question);
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 2 problems");
  const id = await withDb(
    async (db) => (await db.query(`SELECT id FROM datasets WHERE name = $1`, [name])).rows[0].id as string,
  );
  await page.goto(`/datasets/${id}`);
  await expect(page.getByText(question)).toBeVisible();
  await expect(page.getByText("<script>window.__xss = 2</script>4")).toBeVisible();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("a 2 MB file imports through the streaming upload; one past the stated limit is refused before sending", async ({
  page,
}) => {
  const name = `big ${randomUUID().slice(0, 8)}`;
  const rows = Array.from({ length: 15_000 }, (_, i) =>
    JSON.stringify({ question: `${"y".repeat(120)} ${i}`, answer: `${i}` }),
  );
  await openPage(page, "/datasets");
  await expect(page.getByTestId("dataset-limits")).toHaveText(
    "A dataset file may have at most 10,000,000 bytes (10 MB), 10,000,000 characters and 100,000 rows.",
  );
  const file = page.getByLabel("File (JSONL, JSON array or CSV)");
  await file.setInputFiles({
    name: "big.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.from(rows.join("\n")),
  });
  await expect(page.getByTestId("upload-preview")).toContainText("of 15000 rows");
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported 15000 problems (15000 train, 0 test).");
  await expect(page.getByTestId("import-no-test")).toContainText("It has no test rows");
  expect(await datasetCount(name)).toBe(1);

  await file.setInputFiles({
    name: "huge.jsonl",
    mimeType: "application/jsonl",
    buffer: Buffer.alloc(10_000_001, 0x61),
  });
  await expect(page.getByTestId("dataset-too-large")).toHaveText(
    "the file is too large (10,000,001 bytes): a dataset may have at most 10,000,000 bytes (10 MB), 10,000,000 characters and 100,000 rows.",
  );
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();
});

/** A small uploaded dataset in the e2e project, written directly (the upload itself is tested above). */
async function insertDataset(name: string): Promise<string> {
  return withDb(async (db) => {
    const project = await db.query(`SELECT id FROM projects WHERE slug = 'e2e-datasets'`);
    const made = await db.query(
      `INSERT INTO datasets (id, project_id, name, source, train_count, test_count)
       VALUES (gen_random_uuid(), $1, $2, 'upload', 1, 1) RETURNING id`,
      [project.rows[0].id, name],
    );
    const id = made.rows[0].id as string;
    await db.query(
      `INSERT INTO problems (dataset_id, split, position, question, answer)
       VALUES ($1, 'train', 0, '1+1', '2'), ($1, 'test', 0, '2+2', '4')`,
      [id],
    );
    return id;
  });
}

test("a dataset is renamed from its page", async ({ page }) => {
  const name = `to rename ${randomUUID().slice(0, 8)}`;
  const id = await insertDataset(name);
  await openPage(page, `/datasets/${id}`);
  const form = page.getByTestId("rename-dataset");
  await form.getByLabel("New name").fill(`${name} (renamed)`);
  await form.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} (renamed)`);
  expect(await datasetCount(`${name} (renamed)`)).toBe(1);
  expect(await datasetCount(name)).toBe(0);
});

test("deleting a dataset a run uses is refused naming the run; an unused one is deleted", async ({
  page,
}) => {
  const name = `in use ${randomUUID().slice(0, 8)}`;
  const id = await insertDataset(name);
  const runName = `holds ${name}`;
  await withDb((db) =>
    db.query(
      `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, dataset_id, updated_at)
       SELECT gen_random_uuid(), project_id, $2, 'completed', 'evolution_rl', '{}', 1, id, now() FROM datasets WHERE id = $1`,
      [id, runName],
    ),
  );
  await openPage(page, `/datasets/${id}`);
  await page.getByTestId("delete-dataset").getByRole("button", { name: "Delete dataset" }).click();
  const refused = page.getByTestId("delete-dataset").getByTestId("form-error");
  await expect(refused).toContainText(`"${name}" is used by 1 run(s): "${runName}"`);
  expect(await datasetCount(name)).toBe(1);

  const unused = `unused ${randomUUID().slice(0, 8)}`;
  const unusedId = await insertDataset(unused);
  await openPage(page, `/datasets/${unusedId}`);
  await page.getByTestId("delete-dataset").getByRole("button", { name: "Delete dataset" }).click();
  await page.waitForURL(/\/datasets$/);
  await expect(page.getByTestId("dataset-row").filter({ hasText: unused })).toHaveCount(0);
  expect(await datasetCount(unused)).toBe(0);
});
