import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { signInAs } from "./auth-helpers";
import { withDb } from "./db";

// Runs made up by a test carry a live lease of a fake owner, so the worker beside the server (its
// reaper) leaves them alone.
async function insertRun(name: string): Promise<{ runId: string; projectId: string }> {
  return withDb(async (db) => {
    const suffix = randomUUID().slice(0, 8);
    const project = await db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [`Live ${suffix}`, `live-${suffix}`],
    );
    const run = await db.query(
      `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, current_step, total_steps,
         lease_owner, lease_expires_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'running', 'evolution_rl', '{}', 1, 1, 50,
         'e2e', now() + interval '1 hour', now()) RETURNING id`,
      [project.rows[0].id, name],
    );
    return { runId: run.rows[0].id as string, projectId: project.rows[0].id as string };
  });
}

async function commitFakeStep(runId: string, step: number, status = "running") {
  await withDb((db) =>
    db.query(
      `UPDATE runs SET current_step = $2, status = $3::run_status, best_test_pass1 = 0.5 WHERE id = $1`,
      [runId, step, status],
    ),
  );
}

function rowOf(page: Page, name: string) {
  return page.getByTestId("run-row").filter({ hasText: name });
}

test("a committed step shows up without a reload, streamed", async ({ page, context }) => {
  const name = `live ${randomUUID().slice(0, 8)}`;
  const { runId, projectId } = await insertRun(name);
  await signInAs(context, [{ id: projectId, role: "viewer" }]);
  await page.goto("/");
  await expect(page.locator("[data-live=stream]")).toBeVisible();
  await expect(rowOf(page, name)).toContainText("1/50");
  await commitFakeStep(runId, 2);
  await expect(rowOf(page, name)).toContainText("2/50");
  await commitFakeStep(runId, 50, "completed");
  await expect(rowOf(page, name).getByTestId("run-status")).toHaveText("completed");
  await expect(rowOf(page, name)).toContainText("50.0%");
});

test("without the event stream the page falls back to polling", async ({ page, context }) => {
  await page.route("**/api/events**", (route) => route.abort());
  const name = `poll ${randomUUID().slice(0, 8)}`;
  const { runId, projectId } = await insertRun(name);
  await signInAs(context, [{ id: projectId, role: "viewer" }]);
  await page.goto("/");
  await expect(page.locator("[data-live=poll]")).toBeVisible();
  await commitFakeStep(runId, 7);
  await expect(rowOf(page, name)).toContainText("7/50");
});
