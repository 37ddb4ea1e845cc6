import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { ReadScope } from "./scope";

/**
 * The scope of whoever is asking. Until sign-in is merged every caller reads every project; the auth
 * integration replaces this body (the signature stays), so no page or route changes with it.
 */
export async function getCurrentScope(): Promise<ReadScope> {
  return { projectIds: (await getPrisma().project.findMany({ select: { id: true } })).map((p) => p.id) };
}
