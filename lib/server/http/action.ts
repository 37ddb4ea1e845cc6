import "server-only";
/**
 * The one wrapper every server action goes through, the twin of defineRoute: it refuses cross-origin
 * requests, resolves and authorizes the caller for the action's `access` rule, validates the input
 * (FormData or a plain object) with the action's zod schema and returns a typed result a form can show;
 * typed errors become `{ ok: false, error }` through the same mapping as routes (lib/server/http/status.ts).
 *
 * Its signature is useActionState's: `(previousState, input)`; programmatic callers pass null first.
 */
import type { z } from "zod";
import { authorize, type GrantFor, type RoleRule } from "@/lib/server/auth/access";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { getPrisma } from "@/lib/server/db/client";
import { forbidden } from "@/lib/domain/errors";
import { readActionContext, type ActionContext } from "./action-context";
import { parseWith } from "./route";
import { isSameOrigin } from "./same-origin";
import { toErrorResponse, type ErrorBody } from "./status";

/** Actions change state, so share links (read-only) are no rule of theirs. */
export type ActionAccess<I> = "public" | "member" | RoleRule<I>;

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };

export type ActionFn<In, T> = ((
  state: ActionResult<T> | null,
  input: FormData | In,
) => Promise<ActionResult<T>>) & {
  access: ActionAccess<never>;
};

/** FormData to a plain object: repeated names become arrays; React's own `$ACTION…` fields are dropped. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function defineAction<S extends z.ZodType, A extends ActionAccess<z.infer<S>>, T>(
  schema: S,
  access: A,
  handler: (input: z.infer<S>, grant: GrantFor<A> & { context: ActionContext }) => Promise<T>,
): ActionFn<z.input<S>, T> {
  const action = async (
    _state: ActionResult<T> | null,
    raw: FormData | z.input<S>,
  ): Promise<ActionResult<T>> => {
    try {
      const context = await readActionContext();
      if (!isSameOrigin(context.headers)) throw forbidden("cross-origin request refused");
      let input: z.infer<S> | undefined;
      const readInput = () =>
        (input ??= parseWith(schema, raw instanceof FormData ? formDataToObject(raw) : raw, "input"));
      const grant = await authorize(
        getPrisma(),
        access,
        { sessionToken: context.cookies.get(SESSION_COOKIE)?.value },
        readInput,
      );
      return { ok: true, data: await handler(readInput(), { ...grant, context }) };
    } catch (error) {
      return { ok: false, error: toErrorResponse(error).body.error };
    }
  };
  return Object.assign(action, { access: access as ActionAccess<never> });
}
