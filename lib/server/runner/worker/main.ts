/**
 * `npm run worker`: one worker process executing runs from the queue with the real executor. `npm start`
 * starts one beside the web server; start more (here or on other machines, same DATABASE_URL) to execute
 * more runs at once. Settings: lib/server/runner/worker/worker-config.ts.
 */
import "server-only";
import "dotenv/config";
import { executeRun } from "@/lib/server/runner/execute-run";
import { runWorkerProcess } from "./worker-process";

void runWorkerProcess(() => executeRun);
