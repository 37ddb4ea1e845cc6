import "server-only";
/**
 * The request a server action runs in: its headers and cookie jar, from Next's request context. A seam
 * of its own so the authorization tests can run actions through their real wrapper with real headers.
 */
import { cookies, headers } from "next/headers";

export interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Record<string, unknown>): void;
  delete(name: string): void;
}

export interface ActionContext {
  headers: Headers;
  cookies: CookieJar;
}

export async function readActionContext(): Promise<ActionContext> {
  const [headerList, jar] = await Promise.all([headers(), cookies()]);
  return {
    headers: new Headers(headerList),
    cookies: {
      get: (name) => jar.get(name),
      set: (name, value, options) => void jar.set(name, value, options),
      delete: (name) => void jar.delete(name),
    },
  };
}
