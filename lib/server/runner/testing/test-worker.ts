/**
 * Entry of the worker processes the tests spawn (through tsx): the real worker process code with the
 * fake executor. Settings come from the environment like the real worker's (WORKER_ID, WORKER_*).
 */
import { runWorkerProcess } from "@/lib/server/runner/worker/worker-process";
import { createFakeExecutor } from "./fake-executor";

void runWorkerProcess(({ workerId }) => createFakeExecutor(workerId));
