import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { signInAs } from "./auth-helpers";
import { withDb } from "./db";

test("health reports the database up and migrations applied", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ ok: true, db: "up", migrations: { pending: 0 } });
  expect(body.migrations.applied).toBeGreaterThan(0);
});

// The made-up run carries a live lease of a fake owner, so the worker beside the server leaves it alone.
test("the home page renders runs read from the database", async ({ page, context }) => {
  const suffix = randomUUID().slice(0, 8);
  const runName = `e2e run ${suffix}`;
  const projectId = await withDb(async (db) => {
    const project = await db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [`Project ${suffix}`, `p-${suffix}`],
    );
    await db.query(
      `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, current_step, total_steps, best_test_pass1,
         lease_owner, lease_expires_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'running', 'evolution_rl', '{}', 7, 12, 260, 0.4567,
         'e2e', now() + interval '1 hour', now())`,
      [project.rows[0].id, runName],
    );
    return project.rows[0].id as string;
  });
  // The user belongs to this project only, so its run is the only running run they can see.
  await signInAs(context, [{ id: projectId, role: "viewer" }]);

  await page.goto("/");
  const row = page.getByTestId("run-row").filter({ hasText: runName });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`Project ${suffix}`);
  await expect(row.getByTestId("run-status")).toHaveText("running");
  await expect(row).toContainText("12/260");
  await expect(row).toContainText("45.7%");
  await expect(page.getByTestId("count-running")).toHaveText("1");
});
