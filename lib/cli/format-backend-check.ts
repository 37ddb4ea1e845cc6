/**
 * What `espl backend check NAME` prints, from the check's result object, and its refusal of an unknown
 * name: shared by the database mode and the HTTP mode (POST /api/v1/backends/{id}/check answers the same
 * object), so both print the same lines.
 */
import type { BackendCheck } from "@/lib/server/runner/backends/check-backend";
import { CliError, EXIT } from "./cli-error";

/** The refusal of a backend name the project does not have, with the names it has. */
export function unknownBackend(name: string, where: string, choices: string[]): CliError {
  const list = choices.length ? `; choose one of: ${choices.join(", ")}` : "";
  return new CliError(`no model backend "${name}" in ${where}${list}`);
}

export function printBackendCheck(
  ctx: { out(line: string): void },
  name: string,
  check: Extract<BackendCheck, { found: true }>,
): number {
  if ("error" in check.result) {
    ctx.out(`${name}: connection failed: ${check.result.error}`);
    return EXIT.failed;
  }
  const { capabilities, models, details } = check.result;
  const can = Object.entries(capabilities).map(([what, on]) => `${what} ${on ? "yes" : "no"}`);
  ctx.out(`${name} (${check.kind}): connected; ${can.join(", ")}`);
  ctx.out(`Models listed: ${models.length > 0 ? models.join(", ") : "none"}`);
  for (const line of details ?? []) ctx.out(line);
  return EXIT.ok;
}
