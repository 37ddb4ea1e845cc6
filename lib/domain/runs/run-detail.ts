/**
 * One run in detail as the API answers it and the CLI prints it (from the database or over HTTP alike):
 * JSON-safe, times as ISO strings, null where nothing was recorded.
 */
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";

export interface RunDetail {
  id: string;
  name: string;
  projectSlug: string;
  status: RunStatus;
  control: RunControl;
  statusDetail: string | null;
  trainMode: string;
  seed: number;
  tags: string[];
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  bestConservative: number | null;
  bestProgramId: number | null;
  datasetName: string | null;
  backendName: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
