import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RoleRule } from "./access";

/** The rule for actions whose input names its project by slug (the settings pages' forms). */
export function roleInProjectSlug(role: Role): RoleRule<{ projectSlug: string }> {
  return { role, project: (input) => ({ projectSlug: input.projectSlug }) };
}
