import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/server/db/client";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { createProject } from "./auth-helpers";
import { withDb } from "./db";
import { checkLooks } from "./look-check";
import { openPage } from "./open-page";

/**
 * Curating from the pages: rename a run in place, edit its tags, write markdown notes (raw HTML stays
 * text), delete it through a confirmation that names it (and is refused while it runs); write a group's
 * notes and delete the group through one confirmation naming its runs. Every outcome is read back from
 * the database the server wrote.
 */

async function seedGroup(runs: number) {
  const project = await createProject();
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const name = `curate ${randomUUID().slice(0, 8)}`;
    const group = await seedExperimentGroup(prisma, { projectId: project.id, name, runs, steps: 12 });
    const rows = await prisma.run.findMany({
      where: { experimentId: group.experimentId },
      select: { id: true, name: true },
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    });
    return { name, experimentId: group.experimentId, runs: rows };
  } finally {
    await prisma.$disconnect();
  }
}

const readRun = (id: string) =>
  withDb(async (db) => {
    const { rows } = await db.query<{ name: string; tags: string[]; notes: string | null }>(
      `SELECT name, tags, notes FROM runs WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  });

test("a run: rename in place, tags, markdown notes, then delete through a confirmation naming it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const group = await seedGroup(2);
  const [run, busy] = group.runs as [{ id: string; name: string }, { id: string; name: string }];
  await openPage(page, `/runs/${run.id}`);
  await expect(page.getByRole("heading", { name: run.name, level: 1 })).toBeVisible();

  const renamed = `renamed ${randomUUID().slice(0, 6)}`;
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Run name").fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Edit tags" }).click();
  await page.getByLabel("Tags").fill("lucb, seed-1, lucb");
  await page.getByRole("button", { name: "Save tags" }).click();
  const tags = page.getByTestId("run-tags");
  await expect(tags.getByText("seed-1", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add notes" }).click();
  await page
    .getByLabel("Run notes")
    .fill("## Why this seed\n\nThe **LUCB** arm.\n\n<script>window.__owned = 1</script>");
  await page.getByRole("button", { name: "Save notes" }).click();
  const notes = page.getByTestId("notes");
  await expect(notes.getByRole("heading", { name: "Why this seed" })).toBeVisible();
  await expect(notes.locator("strong")).toHaveText("LUCB");
  // Raw HTML is shown as the text it is, never run.
  await expect(notes.getByText("<script>window.__owned = 1</script>")).toBeVisible();
  expect(await page.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
  await expect(notes.locator("script")).toHaveCount(0);

  expect(await readRun(run.id)).toEqual({
    name: renamed,
    tags: ["lucb", "seed-1"],
    notes: "## Why this seed\n\nThe **LUCB** arm.\n\n<script>window.__owned = 1</script>",
  });
  // What was saved is what a reload shows.
  await page.reload();
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();
  await expect(page.getByTestId("notes").locator("strong")).toHaveText("LUCB");

  await page.getByRole("button", { name: "Delete run" }).click();
  const dialog = page.getByTestId("delete-run-confirm");
  await expect(dialog.getByRole("heading", { name: `Delete run "${renamed}"?` })).toBeVisible();
  await checkLooks(page, "run-delete-dialog");
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(dialog).toBeHidden();
  expect(await readRun(run.id)).not.toBeNull();
  await checkLooks(page, "run-curated");

  await page.getByRole("button", { name: "Delete run" }).click();
  await dialog.getByRole("button", { name: "Delete run" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${group.experimentId}$`));
  expect(await readRun(run.id)).toBeNull();

  // A running run is kept, and the reader is told to cancel it first.
  // With a live lease of a fake owner, so the worker beside the server leaves the made-up run alone.
  await withDb((db) =>
    db.query(
      `UPDATE runs SET status = 'running', lease_owner = 'e2e', lease_expires_at = now() + interval '1 hour'
       WHERE id = $1`,
      [busy.id],
    ),
  );
  await openPage(page, `/runs/${busy.id}`);
  await page.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog).toContainText("The run is running: cancel it first, then delete it.");
  await dialog.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    `"${busy.name}" is running: cancel it first, then delete it`,
  );
  expect(await readRun(busy.id)).not.toBeNull();
});

test("a group: markdown notes, then one confirmation naming every run that goes", async ({ page }) => {
  test.setTimeout(90_000);
  const group = await seedGroup(3);
  const other = await seedGroup(1);
  await openPage(page, `/experiments/${group.experimentId}`);
  await page.getByRole("button", { name: "Add notes" }).click();
  await page.getByLabel("Group notes").fill("Plan:\n\n- three seeds\n- `crossover_prob` 0 vs 0.5");
  await page.getByRole("button", { name: "Save notes" }).click();
  const notes = page.getByTestId("notes");
  await expect(notes.getByRole("listitem")).toHaveText(["three seeds", "crossover_prob 0 vs 0.5"]);
  await expect(notes.locator("code")).toHaveText("crossover_prob");
  const stored = await withDb(
    async (db) =>
      (await db.query<{ notes: string }>(`SELECT notes FROM experiments WHERE id = $1`, [group.experimentId]))
        .rows[0]!.notes,
  );
  expect(stored).toBe("Plan:\n\n- three seeds\n- `crossover_prob` 0 vs 0.5");

  await page.getByRole("button", { name: "Delete group" }).click();
  const dialog = page.getByTestId("delete-group-confirm");
  await expect(
    dialog.getByRole("heading", { name: `Delete group "${group.name}" and its 3 runs?` }),
  ).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Runs that go" }).getByRole("listitem")).toHaveText(
    group.runs.map((r) => `${r.name} (completed)`),
  );
  await checkLooks(page, "group-delete-dialog");
  await dialog.getByRole("button", { name: "Delete group and 3 runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  const left = await withDb(async (db) => {
    const runs = await db.query<{ id: string }>(`SELECT id FROM runs WHERE id = ANY($1::uuid[])`, [
      [...group.runs, ...other.runs].map((r) => r.id),
    ]);
    const groups = await db.query<{ id: string }>(`SELECT id FROM experiments WHERE id = ANY($1::uuid[])`, [
      [group.experimentId, other.experimentId],
    ]);
    return { runs: runs.rows.map((r) => r.id), groups: groups.rows.map((r) => r.id) };
  });
  expect(left).toEqual({ runs: other.runs.map((r) => r.id), groups: [other.experimentId] });
});
