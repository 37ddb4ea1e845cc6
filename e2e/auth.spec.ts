import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createProject, signInAs } from "./auth-helpers";
import { withDb } from "./db";

function failOnDialog(page: Page, fired: string[]) {
  page.on("dialog", (dialog) => {
    fired.push(dialog.message());
    void dialog.dismiss();
  });
}

async function insertRunWithSteps(projectId: string, name: string, steps: number) {
  return withDb(async (db) => {
    const run = await db.query(
      `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, current_step, total_steps,
         lease_owner, lease_expires_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'running', 'evolution_rl', '{}', 1, $3, 40, 'e2e', now() + interval '1 hour', now())
       RETURNING id`,
      [projectId, name, steps],
    );
    const runId = run.rows[0].id as string;
    for (let step = 1; step <= steps; step++)
      await db.query(
        `INSERT INTO steps (run_id, step, epoch, selected_program_ids, metrics, started_at)
         VALUES ($1, $2, 0, '{}', $3, now())`,
        [runId, step, JSON.stringify({ "testing/pass@1": step / 10 })],
      );
    return runId;
  });
}

test("the first visitor creates the owner account, signs out, and a wrong password is refused", async ({
  page,
}) => {
  // A fresh install has no users; other tests' made-up users are removed to get one.
  await withDb((db) => db.query(`DELETE FROM users`));
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  const email = `owner-${randomUUID().slice(0, 6)}@example.com`;
  const form = page.getByTestId("sign-up-form");
  await form.getByLabel("Name").fill("Ada Owner");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel(/Password/).fill("a long passphrase");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Ada Owner");
  const owner = await withDb(async (db) => {
    const { rows } = await db.query(
      `SELECT m.role, p.slug FROM memberships m JOIN projects p ON p.id = m.project_id JOIN users u ON u.id = m.user_id
       WHERE u.email = $1`,
      [email],
    );
    return rows;
  });
  expect(owner).toEqual([{ role: "owner", slug: "default" }]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  const signIn = page.getByTestId("sign-in-form");
  await signIn.getByLabel("Email").fill(email);
  await signIn.getByLabel("Password").fill("not the passphrase");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(/wrong email or password/);
  await signIn.getByLabel("Password").fill("a long passphrase");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("a share link opens the run read-only, shows nothing else, and stops working once revoked", async ({
  page,
  browser,
}) => {
  const project = await createProject();
  const shared = `shared ${randomUUID().slice(0, 6)}`;
  const other = `private ${randomUUID().slice(0, 6)}`;
  await insertRunWithSteps(project.id, shared, 3);
  await insertRunWithSteps(project.id, other, 1);
  await signInAs(page.context(), [{ id: project.id, role: "owner" }]);

  await page.goto(`/projects/${project.slug}/settings/sharing`);
  const form = page.getByTestId("share-form");
  await form.getByLabel(shared).check();
  await form.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByTestId("created-link").inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

  const visitor = await browser.newContext();
  const view = await visitor.newPage();
  await view.goto(link);
  // A link to one run opens that run's views, read-only.
  await expect(view).toHaveURL(/\/s\/[A-Za-z0-9_-]{43}\/runs\/[0-9a-f-]{36}$/);
  const sharedRunUrl = view.url();
  await expect(view.getByTestId("shared-view")).toBeVisible();
  await expect(view.getByRole("heading", { name: shared })).toBeVisible();
  await expect(view.getByTestId("run-progress")).toContainText("step 3 / 40");
  await expect(view.getByText(other)).toHaveCount(0);
  await expect(view.getByRole("button", { name: /pause|cancel|resume/i })).toHaveCount(0);
  await expect(view.locator("form")).toHaveCount(0);
  for (const href of await view
    .getByRole("navigation", { name: "Run sections" })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href"))))
    expect(href).toContain(new URL(sharedRunUrl).pathname);
  await expect(view.getByRole("link", { name: "run.json" })).toHaveAttribute("href", /share=/);

  await page.reload();
  await page.getByTestId("share-link-row").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-revoked")).toBeVisible();
  const response = await view.goto(link);
  expect(response?.status()).toBe(404);
  await expect(view.getByText(shared)).toHaveCount(0);
  expect((await view.goto(sharedRunUrl))?.status()).toBe(404);
  await visitor.close();
});

test("a run name and a member name full of markup render as text", async ({ page, context }) => {
  const fired: string[] = [];
  failOnDialog(page, fired);
  const project = await createProject();
  const runName = `<img src=x onerror=alert(1)> run ${randomUUID().slice(0, 4)}`;
  await insertRunWithSteps(project.id, runName, 1);
  const memberName = `<script>alert(2)</script><img src=x onerror=alert(3)>`;
  await signInAs(context, [{ id: project.id, role: "owner" }], memberName);

  await page.goto("/");
  await expect(page.getByTestId("run-row").filter({ hasText: runName })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(memberName);
  await page.goto(`/projects/${project.slug}/settings/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: memberName })).toBeVisible();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(fired).toEqual([]);
});

test("an owner invites an email address; the person signs up with it from the link and joins with the role", async ({
  page,
  browser,
}) => {
  const project = await createProject();
  await signInAs(page.context(), [{ id: project.id, role: "owner" }]);
  await page.goto(`/projects/${project.slug}/settings/members`);
  const inviteeEmail = `${randomUUID().slice(0, 8)}@example.com`;
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Email of the invited member").fill(inviteeEmail);
  await form.getByRole("combobox").selectOption("editor");
  await form.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("created-link").inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f-]{36}$/);
  // It stays in the open invitations, with its address, until used or revoked.
  await page.reload();
  await expect(page.getByTestId("invitation-row").filter({ hasText: inviteeEmail })).toBeVisible();
  await expect(page.getByTestId("invitation-link")).toHaveValue(link);

  const guest = await browser.newContext();
  const invited = await guest.newPage();
  await invited.goto(link);
  await expect(invited.getByRole("heading", { name: `Join ${project.name}` })).toBeVisible();
  await expect(invited.getByText(`${inviteeEmail} is invited as editor`)).toBeVisible();
  await invited.getByRole("link", { name: "Create an account" }).click();
  const signUp = invited.getByTestId("sign-up-form");
  // The invited address fills the form.
  await expect(signUp.getByLabel("Email")).toHaveValue(inviteeEmail);
  const name = `Invitee ${randomUUID().slice(0, 4)}`;
  await signUp.getByLabel("Name").fill(name);
  await signUp.getByLabel(/Password/).fill("another passphrase");
  await signUp.getByRole("button", { name: "Create account" }).click();
  // Joined at once: the project's members page, as an editor (no owner controls).
  await expect(invited).toHaveURL(new RegExp(`/projects/${project.slug}/settings/members$`));
  await expect(invited.getByTestId("signed-in-as")).toHaveText(name);
  await expect(invited.getByTestId("invite-form")).toHaveCount(0);
  await guest.close();

  await page.reload();
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  const row = page.getByTestId("member-row").filter({ hasText: name });
  await expect(row.getByRole("combobox")).toHaveValue("editor");
  await expect(page.getByTestId("audit-row").filter({ hasText: "member.joined" })).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "invitation.created" })).toBeVisible();
});
