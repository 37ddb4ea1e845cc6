#!/usr/bin/env node
// `npx espl`: runs the TypeScript CLI (lib/cli/espl.ts) through tsx's loader, with the repository's
// tsconfig so that its "@/…" imports resolve from any working directory.
import "../server/plain-node/allow-server-only.mjs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
await import("./espl.ts");
