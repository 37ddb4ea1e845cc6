/**
 * "Sign in with <provider>" when single sign-on is configured, else nothing. A plain link: the start route
 * answers a GET with the redirect to the provider. `next` is where the browser lands afterwards (a
 * same-origin path; an invitation's path lets a new account join through it).
 */
export function SsoLink({
  provider,
  next,
  verb = "Sign in",
}: {
  /** The configured provider's name; null when single sign-on is off. */
  provider: string | null;
  next: string;
  verb?: string;
}) {
  if (provider === null) return null;
  const href = `/api/auth/oidc/start${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`;
  return (
    <>
      <a
        href={href}
        data-testid="sso-sign-in"
        className="block w-full rounded border border-slate-400 bg-white px-3 py-2 text-center text-sm font-medium text-slate-900 hover:bg-slate-100"
      >
        {verb} with {provider}
      </a>
      <p className="text-center text-xs text-slate-600">or with your email and password</p>
    </>
  );
}
