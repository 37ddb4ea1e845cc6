import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createProject, signInAs } from "./auth-helpers";
import { withDb } from "./db";

let server: SimOpenAIServer;

test.beforeAll(async () => {
  server = await startSimOpenAIServer({ seed: 2 });
});
test.afterAll(async () => {
  await server?.close();
});

test("an owner adds an OpenAI-compatible backend, tests it, and the launch form explains why rl is unavailable", async ({
  page,
}) => {
  const project = await createProject(`Backends ${randomUUID().slice(0, 6)}`);
  await signInAs(page.context(), [{ id: project.id, role: "owner" }]);
  await page.goto(`/projects/${project.slug}/settings/backends`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  const name = `sim vllm ${randomUUID().slice(0, 6)}`;
  const add = page.getByTestId("add-backend");
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByLabel("Base URL").fill(server.baseUrl);
  await add.getByLabel("Policy model", { exact: true }).fill("sim-policy");
  await add.getByRole("button", { name: "Add backend" }).click();

  const card = page.getByTestId("backend-card").filter({ hasText: name });
  await expect(card.getByTestId("probe-result")).toContainText("Not tested yet");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("capability-sampling")).toHaveAttribute("data-on", "true");
  await expect(card.getByTestId("capability-logprobs")).toHaveAttribute("data-on", "true");
  await expect(card.getByTestId("capability-training")).toHaveAttribute("data-on", "false");
  await expect(card.getByTestId("probe-models")).toContainText("sim-policy, sim-reflection");
  const stored = await withDb((db) =>
    db.query(`SELECT capabilities, last_tested_at FROM model_backends WHERE name = $1`, [name]),
  );
  expect(stored.rows[0].capabilities).toMatchObject({ sampling: true, training: false });
  expect(stored.rows[0].last_tested_at).not.toBeNull();
  expect(server.stats().byPath["/v1/models"]).toBeGreaterThan(0);

  await page.goto("/runs/new");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("Project").selectOption(project.id);
  await page.getByLabel("Policy backend").selectOption({ label: `${name} (openai_compatible, samples)` });
  const why = page.getByTestId("mode-availability");
  await expect(why).toContainText("rl");
  await expect(why).toContainText("samples only (no training)");
  await expect(page.locator('select[name="config.train_mode"] option[value="rl"]')).toBeDisabled();
  await expect(page.locator('select[name="config.train_mode"] option[value="evolution"]')).toBeEnabled();
});

test("a viewer sees the registry and the last test result, but no forms", async ({ page }) => {
  const project = await createProject(`Viewer ${randomUUID().slice(0, 6)}`);
  await withDb((db) =>
    db.query(
      `INSERT INTO model_backends (id, project_id, name, kind, base_url, capabilities, last_tested_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'shared vllm', 'openai_compatible', 'http://127.0.0.1:9/v1',
         '{"sampling": true, "logprobs": false, "training": false, "models": ["m1"], "error": null}', now(), now())`,
      [project.id],
    ),
  );
  await signInAs(page.context(), [{ id: project.id, role: "viewer" }]);
  await page.goto(`/projects/${project.slug}/settings/backends`);
  const card = page.getByTestId("backend-card").filter({ hasText: "shared vllm" });
  await expect(card.getByTestId("capability-sampling")).toHaveAttribute("data-on", "true");
  await expect(card.getByTestId("probe-models")).toContainText("m1");
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(page.getByTestId("add-backend")).toHaveCount(0);
});
