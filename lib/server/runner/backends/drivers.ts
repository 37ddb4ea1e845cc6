/**
 * The registry of backend drivers by kind: one entry per kind, each in its own module. A kind without a
 * driver here cannot run yet, and the runner says so instead of guessing.
 */
import "server-only";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import type { BackendDriver } from "./driver";
import { openaiDriver } from "./openai/openai-driver";
import { simDriver } from "./sim-driver";
import { tinkerDriver } from "./tinker/tinker-driver";

export const BACKEND_DRIVERS: Partial<Record<BackendKind, BackendDriver>> = {
  sim: simDriver,
  openai_compatible: openaiDriver,
  tinker_compatible: tinkerDriver,
};

export function findDriver(kind: BackendKind): BackendDriver | undefined {
  return BACKEND_DRIVERS[kind];
}
