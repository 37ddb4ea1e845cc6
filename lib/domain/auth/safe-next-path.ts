/** Where a sign-in may return to: a path on this site, never anywhere else. */
const MAX_NEXT_LENGTH = 2000;
const ORIGIN_PROBE = "http://next-path.invalid";

/**
 * The page to open after signing in: a path on this site ("/runs?x=1"), else "/". Anything that could
 * leave the site is refused: "//host", "/\host" (browsers read the backslash as a slash), absolute URLs,
 * control characters.
 */
export function toSafeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > MAX_NEXT_LENGTH) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const url = new URL(raw, ORIGIN_PROBE);
    return url.origin === ORIGIN_PROBE ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
