import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withDb } from "./db";
import { openPage } from "./open-page";

async function ensureProject(): Promise<string> {
  return withDb(async (db) => {
    const found = await db.query(`SELECT id FROM projects WHERE slug = 'e2e-launch'`);
    if (found.rows[0]) return found.rows[0].id as string;
    const made = await db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'E2E launch', 'e2e-launch', now()) RETURNING id`,
    );
    return made.rows[0].id as string;
  });
}

const countRunsNamed = (name: string) =>
  withDb(async (db) =>
    Number((await db.query(`SELECT count(*) AS n FROM runs WHERE name = $1`, [name])).rows[0].n),
  );

/** A run small enough to finish in seconds on the simulator: 4 problems, 2 per step, one epoch. */
async function fillSmallRun(page: Page, name: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Tags").fill("e2e, small");
  await page.getByLabel("Seed", { exact: true }).fill("5");
  await page.getByLabel("Training problems used").fill("4");
  await page.getByLabel("Batch size (B)").fill("2");
  await page.getByLabel("Epochs").fill("1");
}

test.beforeAll(async () => {
  await ensureProject();
});

test("launch from the form: redirected to the run, which completes live in the runs list", async ({
  page,
}) => {
  const name = `launched ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  await fillSmallRun(page, name);
  await page.getByLabel("Initial principles").fill("Check the units.\n\n  Restate the question first.  ");
  await expect(page.getByTestId("estimate-policy")).toHaveText(String(3 * 2 * 5));
  await expect(page.getByTestId("estimate-steps")).toHaveText("2");
  await page.getByRole("button", { name: "Launch run" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").pop()!;
  const stored = await withDb((db) =>
    db.query(`SELECT name, seed, tags, total_steps FROM runs WHERE id = $1`, [runId]),
  );
  expect(stored.rows[0]).toEqual({ name, seed: 5, tags: ["e2e", "small"], total_steps: 2 });
  // The editor's lines are the root program's principles, in order.
  await expect
    .poll(() =>
      withDb(
        async (db) =>
          (await db.query(`SELECT principles FROM programs WHERE run_id = $1 AND program_id = 0`, [runId]))
            .rows[0]?.principles,
      ),
    )
    .toEqual([
      { id: "G0", text: "Check the units." },
      { id: "G1", text: "Restate the question first." },
    ]);

  await openPage(page, "/runs");
  await expect(page.locator("[data-live=stream]")).toBeVisible();
  const row = page.locator(`[data-run-id="${runId}"]`);
  await expect(row.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(row.getByTestId("run-progress")).toHaveText("2/2");
});

test("invalid input shows field errors and creates nothing", async ({ page }) => {
  const name = `invalid ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const batch = page.getByLabel("Batch size (B)");
  await batch.fill("0");
  // As you type: the engine schema's message, linked to the field.
  const error = page.getByTestId("error-config.batch_size");
  await expect(error).toBeVisible();
  await expect(batch).toHaveAttribute("aria-describedby", /config\.batch_size-error/);
  await page.getByLabel("Seed", { exact: true }).fill("not a number");
  await expect(page.getByTestId("error-seed")).toHaveText("must be a whole number");
  await page.getByRole("button", { name: "Launch run" }).click();
  // And from the server: the action refused it.
  await expect(page.locator("#form-error")).toContainText("The run was not created");
  await expect(page.getByTestId("error-config.batch_size")).toBeVisible();
  await expect(page).toHaveURL(/\/runs\/new$/);
  expect(await countRunsNamed(name)).toBe(0);
});

test("clone prefills the form from an existing run", async ({ page }) => {
  const projectId = await ensureProject();
  const runId = await withDb(async (db) => {
    const config = {
      train_mode: "evolution",
      batch_size: 3,
      crossover_prob: 0.4,
      program_selection_strategy: "ucb",
    };
    const made = await db.query(
      `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, tags, lease_owner, lease_expires_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'clone source', 'completed', 'evolution', $2, 42, '{x,y}', 'e2e', now() + interval '1 hour', now())
       RETURNING id`,
      [projectId, JSON.stringify(config)],
    );
    return made.rows[0].id as string;
  });
  await openPage(page, `/runs/new?from=${runId}`);
  await expect(page.getByRole("heading", { name: "Clone a run" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("clone source (copy)");
  await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("42");
  await expect(page.getByLabel("Tags")).toHaveValue("x, y");
  await expect(page.getByLabel("Train mode")).toHaveValue("evolution");
  await expect(page.getByLabel("Batch size (B)")).toHaveValue("3");
  await expect(page.getByLabel("Crossover probability")).toHaveValue("0.4");
  await expect(page.getByLabel("Program selection")).toHaveValue("ucb");
  // Keys the stored config lacked take the engine defaults.
  await expect(page.getByLabel("Group size (G)")).toHaveValue("5");
});

test("keyboard: tab through the form in order and submit with Enter", async ({ page }) => {
  const name = `keyboard ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  const project = page.getByLabel("Project");
  // The starting point only; the order that follows is asserted strictly.
  await expect(async () => {
    await project.focus();
    await expect(project).toBeFocused({ timeout: 1_000 });
  }).toPass();
  const order = [
    "projectId",
    "name",
    "tags",
    "seed",
    "datasetId",
    "policyBackendId",
    "reflectionBackendId",
    "preset",
    "config.train_mode",
  ];
  for (const [index, id] of order.entries()) {
    if (index > 0) await page.keyboard.press("Tab");
    await expect(page.locator(`[id="${id}"]`)).toBeFocused();
  }
  await page.getByLabel("Training problems used").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("2");
  await page.getByLabel("Name", { exact: true }).focus();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  expect(await countRunsNamed(name)).toBe(1);
});

test("a run launched on an uploaded dataset trains on its problems", async ({ page }) => {
  const projectId = await ensureProject();
  const datasetName = `uploaded ${randomUUID().slice(0, 8)}`;
  const datasetId = await withDb(async (db) => {
    const made = await db.query(
      `INSERT INTO datasets (id, project_id, name, source, train_count, test_count)
       VALUES (gen_random_uuid(), $1, $2, 'upload', 4, 2) RETURNING id`,
      [projectId, datasetName],
    );
    const id = made.rows[0].id as string;
    const problems = [
      ...[2, 3, 4, 5].map((n, i) => ["train", i, n]),
      ...[6, 7].map((n, i) => ["test", i, n]),
    ];
    for (const [split, position, n] of problems)
      await db.query(
        `INSERT INTO problems (dataset_id, split, position, question, answer) VALUES ($1, $2, $3, $4, $5)`,
        [id, split, position, `What is ${n} + ${n}?`, String(Number(n) * 2)],
      );
    return id;
  });
  const name = `on upload ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  // The signed-in owner may see several projects; the dataset is offered only for its own.
  await page.getByLabel("Project", { exact: true }).selectOption(projectId);
  await page.getByLabel("Dataset", { exact: true }).selectOption(datasetId);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Batch size (B)").fill("2");
  await page.getByLabel("Epochs").fill("1");
  await expect(page.getByTestId("estimate-steps")).toHaveText("2");
  await page.getByRole("button", { name: "Launch run" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").pop()!;
  await openPage(page, `/runs?q=${encodeURIComponent(name)}`);
  const row = page.locator(`[data-run-id="${runId}"]`);
  await expect(row).toContainText(datasetName);
  await expect(row.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  const used = await withDb((db) =>
    db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE p.dataset_id <> $2)::int AS other
         FROM rollouts r JOIN problems p ON p.id = r.problem_id WHERE r.run_id = $1`,
      [runId, datasetId],
    ),
  );
  expect(used.rows[0].n).toBeGreaterThan(0);
  expect(used.rows[0].other).toBe(0);
});

test("a dataset without a test split is marked and refused; dataset_size is fitted to the data", async ({
  page,
}) => {
  const projectId = await ensureProject();
  const datasetName = `train only ${randomUUID().slice(0, 8)}`;
  const datasetId = await withDb(async (db) => {
    const made = await db.query(
      `INSERT INTO datasets (id, project_id, name, source, train_count, test_count)
       VALUES (gen_random_uuid(), $1, $2, 'upload', 4, 0) RETURNING id`,
      [projectId, datasetName],
    );
    const id = made.rows[0].id as string;
    for (const position of [0, 1, 2, 3])
      await db.query(
        `INSERT INTO problems (dataset_id, split, position, question, answer) VALUES ($1, 'train', $2, 'q', '1')`,
        [id, position],
      );
    return id;
  });
  const name = `no test split ${randomUUID().slice(0, 8)}`;
  await openPage(page, "/runs/new");
  await page.getByLabel("Project", { exact: true }).selectOption(projectId);
  const dataset = page.getByLabel("Dataset", { exact: true });
  await dataset.selectOption(datasetId);
  await expect(dataset.locator("option:checked")).toHaveText(
    `${datasetName} (4 train / 0 test, no test split)`,
  );
  await expect(page.getByLabel("Training problems used")).toHaveValue("4");
  await expect(page.getByTestId("error-datasetId")).toContainText(
    `the dataset "${datasetName}" has no test split`,
  );
  await page.getByLabel("Training problems used").fill("10");
  await expect(page.getByTestId("error-config.dataset_size")).toHaveText(
    `must be at most 4: the dataset "${datasetName}" has 4 training problems (0 or less uses all of them)`,
  );
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page.getByRole("alert").first()).toContainText("The run was not created");
  expect(await countRunsNamed(name)).toBe(0);
});
