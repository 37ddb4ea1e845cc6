import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createPrismaClient } from "@/lib/server/db/client";
import { parseCsv } from "@/lib/server/io/export/testing/parse-csv";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { createProject } from "./auth-helpers";
import { openPage } from "./open-page";

/**
 * The evaluation view's download links serve the grid as stored: one graded cell with its numbers, one
 * left ungraded by the cancelled job with empty values (never zeros), in the CSV and the JSON alike.
 */

const GRADED = { "Pass@1": 0.4375, "Pass@2": 0.625, mean_reward: 0.4375, ci_low: 0.21, ci_high: 0.665 };

async function seedEvaluation() {
  const project = await createProject();
  const prisma = createPrismaClient(process.env.E2E_DB_URL!);
  try {
    const { runIds } = await seedExperimentGroup(prisma, {
      projectId: project.id,
      name: `export ${randomUUID().slice(0, 8)}`,
      runs: 1,
      steps: 6,
    });
    const runId = runIds[0]!;
    const job = await prisma.evaluationJob.create({
      data: {
        runId,
        projectId: project.id,
        // Cancelled half-way: no worker takes it up, and one cell stays ungraded.
        status: "cancelled",
        spec: { checkpoints: ["base", "final"], programs: ["root"], split: "test", samples: 2, seed: 0 },
        seed: 0,
        cellsTotal: 2,
        cellsDone: 1,
        samplesTotal: 16,
        samplesDone: 8,
        cells: {
          create: [
            { position: 0, checkpointLabel: "base", checkpointStep: -1, programId: 0, n: 8, metrics: GRADED },
            {
              position: 1,
              checkpointLabel: "final",
              checkpointStep: 6,
              checkpointName: "final",
              programId: 0,
            },
          ],
        },
      },
    });
    return { runId, evaluationId: job.id };
  } finally {
    await prisma.$disconnect();
  }
}

async function download(page: Page, name: string): Promise<{ file: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("evaluation-export").getByRole("link", { name }).click(),
  ]);
  return { file: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

test("the evaluation's CSV and JSON downloads carry the stored cells", async ({ page }) => {
  const { runId, evaluationId } = await seedEvaluation();
  await openPage(page, `/runs/${runId}/evaluations`);
  await expect(page.getByTestId("evaluation-export")).toBeVisible();
  // The job was cancelled: the grid, the CSV and the JSON all say the ungraded cell will not be graded.
  await expect(page.getByTestId("evaluation-grid")).toContainText("not graded (cancelled)");

  const csv = await download(page, "CSV");
  expect(csv.file).toMatch(new RegExp(`-evaluation-${evaluationId.slice(0, 8)}\\.csv$`));
  expect(parseCsv(csv.text)).toEqual([
    ["checkpoint", "program", "status", "n", "Pass@1", "Pass@2", "mean_reward", "ci_low", "ci_high", "note"],
    ["base", "0", "graded", "8", "0.4375", "0.625", "0.4375", "0.21", "0.665", ""],
    ["final", "0", "not_graded", "0", "", "", "", "", "", ""],
  ]);

  const json = JSON.parse((await download(page, "JSON")).text) as { evaluation: string; cells: unknown[] };
  expect(json.evaluation).toBe(evaluationId);
  expect(json.cells).toEqual([
    {
      checkpoint: "base",
      program: 0,
      status: "graded",
      n: 8,
      passAtK: { "Pass@1": 0.4375, "Pass@2": 0.625 },
      meanReward: 0.4375,
      ciLow: 0.21,
      ciHigh: 0.665,
      note: null,
    },
    {
      checkpoint: "final",
      program: 0,
      status: "not_graded",
      n: 0,
      passAtK: { "Pass@1": null, "Pass@2": null },
      meanReward: null,
      ciLow: null,
      ciHigh: null,
      note: null,
    },
  ]);
  if (process.env.E2E_SHOTS_DIR)
    for (const theme of ["light", "dark"] as const) {
      await page.evaluate((t) => {
        document.documentElement.classList.toggle("dark", t === "dark");
        document.documentElement.dataset.theme = t;
      }, theme);
      await page.screenshot({ path: `${process.env.E2E_SHOTS_DIR}/evaluation-export-${theme}.png` });
    }
});
