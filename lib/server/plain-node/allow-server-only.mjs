/**
 * Every server module imports "server-only", so Next's bundler refuses it in browser code. Processes
 * that run server modules outside Next (the worker, the CLI, the start and migration scripts, the
 * simulated servers, Playwright's fixtures) load this first (`--import`): it resolves that marker to its
 * no-op build, exactly as React's server environment does, and changes nothing else.
 */
import { register } from "node:module";

register(new URL("./server-only-hooks.mjs", import.meta.url));
