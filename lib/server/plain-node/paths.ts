import "server-only";

import { fileURLToPath } from "node:url";

/** For `--import`: lets a plain Node process load server modules (see allow-server-only.mjs). */
export const ALLOW_SERVER_ONLY = fileURLToPath(new URL("./allow-server-only.mjs", import.meta.url));
