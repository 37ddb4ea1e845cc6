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
  await expect(errors).toContainText("Row 2: the problem is empty");
  await expect(errors).toContainText("Row 3: the answer is empty");
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
