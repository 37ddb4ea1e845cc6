import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { ReadScope } from "./scope";

/**
 * The scope of the caller of a page, route or action: the one place the dashboard asks "who may read
 * what". Until sign-in lands it allows every project; the auth integration replaces this body (session
 * → the member's projects, share link → its runs and frozen step) and no caller changes.
 */
export async function getCurrentScope(): Promise<ReadScope> {
  const projects = await getPrisma().project.findMany({ select: { id: true } });
  return { projectIds: projects.map((p) => p.id) };
}
