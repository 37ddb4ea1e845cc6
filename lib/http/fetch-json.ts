/**
 * GET a JSON API route from the browser, for React Query hooks: the route's typed error message on
 * failure, and the share token on a share link's views (lib/http/share-url.ts).
 */
import { withShareToken } from "./share-url";

export async function fetchApiJson<T>(url: string, shareToken: string | null): Promise<T> {
  const res = await fetch(withShareToken(url, shareToken), { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `request failed (${res.status})`);
  }
  return (await res.json()) as T;
}
