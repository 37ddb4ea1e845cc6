import "server-only";

/** The host the browser addressed (behind a proxy, the one it forwards). */
function requestHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host") ?? headers.get("host");
}

/** The origin the browser used (behind a proxy: its forwarded host and scheme), for URLs back to it. */
export function publicOriginOf(headers: Headers): string {
  return `${headers.get("x-forwarded-proto") ?? "http"}://${requestHost(headers) ?? "localhost"}`;
}

/**
 * CSRF defence for state-changing requests: the browser's Origin header must name the host the request
 * was sent to. A missing Origin is refused too; browsers always send it on POSTs and server actions.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = requestHost(headers);
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The client's address for rate limiting: the first X-Forwarded-For hop (set by Next's server), else unknown. */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
