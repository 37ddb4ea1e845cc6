/**
 * Adds a share link's token to an API or stream URL (the `share` query parameter, which EventSource can
 * send too; see lib/server/http/route.ts). Member requests pass null and go unchanged.
 */
export function withShareToken(url: string, shareToken: string | null): string {
  if (!shareToken) return url;
  return `${url}${url.includes("?") ? "&" : "?"}share=${encodeURIComponent(shareToken)}`;
}
