/**
 * GET a JSON API route from the browser, for React Query hooks: the route's typed error message on
 * failure, and the share token on a share link's views (lib/domain/share-url.ts).
 */
import { withShareToken } from "@/lib/domain/share-url";

export async function fetchApiJson<T>(url: string, shareToken: string | null): Promise<T> {
  const res = await fetch(withShareToken(url, shareToken), { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

/** POST JSON to an API route from the browser, for React Query mutations: the route's error message on failure. */
export async function postApiJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(data?.error?.message ?? `request failed (${res.status})`);
  return data as T;
}
