import "server-only";
/**
 * better-auth signs its cookies with a secret of its own, derived from ESPL_SECRET_KEY (which `npm start`
 * always sets, generating it once on a fresh install), so there is one secret to keep, not two.
 */
import { createHmac } from "node:crypto";
import { getSecretKey } from "@/lib/server/auth/secret-box";

/** The tests' fixed secret: the suites run without ESPL_SECRET_KEY. */
const TEST_SECRET = "espl-test-secret-not-for-production-use-0123456789";

export function readAuthSecret(env: Record<string, string | undefined> = process.env): string {
  if (!env.ESPL_SECRET_KEY && env.NODE_ENV === "test") return TEST_SECRET;
  return createHmac("sha256", getSecretKey(env)).update("better-auth cookie signing").digest("base64url");
}
