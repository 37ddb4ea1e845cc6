/**
 * Which processes `npm start` runs on this host: the web server and a worker (the default, one machine),
 * the web server alone, or a worker alone (a team's worker hosts, docs/deploy.md). Chosen with
 * ESPL_PROCESSES or the --processes= flag, the flag winning.
 */
import { z } from "zod";

export const START_PROCESSES = ["all", "web", "worker"] as const;
export type StartProcesses = (typeof START_PROCESSES)[number];

const processesSchema = z.enum(START_PROCESSES);

export interface StartPlan {
  processes: StartProcesses;
  web: boolean;
  worker: boolean;
  /**
   * Whether a missing secret key may be generated here. A worker alone must use the web server's key
   * (ESPL_SECRET_KEY or a copy of its key file): one of its own could not open the API keys the web
   * server sealed.
   */
  mayGenerateSecretKey: boolean;
}

/** From the command line and the environment; throws a plain-words error naming the bad value. */
export function parseStartPlan(argv: readonly string[], env: Record<string, string | undefined>): StartPlan {
  const flag = argv.find((a) => a.startsWith("--processes="));
  const raw = flag ? flag.slice("--processes=".length) : env.ESPL_PROCESSES;
  const source = flag ? "--processes" : "ESPL_PROCESSES";
  // Empty, as .env.example leaves it, means the default.
  const parsed = processesSchema.safeParse(raw === undefined || raw.trim() === "" ? "all" : raw.trim());
  if (!parsed.success)
    throw new Error(`${source} must be one of ${START_PROCESSES.join(", ")}, got "${raw}"`);
  const processes = parsed.data;
  return {
    processes,
    web: processes !== "worker",
    worker: processes !== "web",
    mayGenerateSecretKey: processes !== "worker",
  };
}
