"use client";
/**
 * A form bound to a server action made by defineAction: shows its typed error (and field messages),
 * follows a `redirectTo` it returns, shows a link when it returns a one-time `token`, and refreshes the
 * page's server data after any other success.
 */
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/server/http/action";

// defineAction's wrapper ignores the previous state, so the form always passes null.
type Action = (state: null, input: FormData) => Promise<ActionResult<unknown>>;

interface Props {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  /** With a token in the result: the link shown is origin + linkPrefix + token. */
  linkPrefix?: string;
  /** The words before that link (by default: it is shown once). */
  linkIntro?: string;
  /** With a token in the result: show the token itself (shown once), e.g. an API token. */
  revealToken?: boolean;
  className?: string;
  testId?: string;
  danger?: boolean;
}

function field(data: unknown, key: string): string | undefined {
  if (typeof data !== "object" || data === null || !(key in data)) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

export function ActionForm({
  action,
  children,
  submitLabel,
  linkPrefix,
  linkIntro = "Copy this link now; it is shown once:",
  revealToken,
  className,
  testId,
  danger,
}: Props) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (_previous: ActionResult<unknown> | null, form: FormData) => {
      const result = await action(null, form);
      if (result.ok) {
        const redirectTo = field(result.data, "redirectTo");
        if (redirectTo) router.replace(redirectTo);
        router.refresh();
      }
      return result;
    },
    null,
  );
  const token = state?.ok ? field(state.data, "token") : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused submit, focus goes to the first field the error names (in the form's order), or to
  // the error itself, so keyboard and screen-reader users land where the fix is.
  useEffect(() => {
    if (!state || state.ok || !formRef.current) return;
    const named = new Set(Object.keys(state.error.fields ?? {}));
    focusFirstError(formRef.current, named);
  }, [state]);
  // Submitting through a transition instead of the form's own action keeps what was typed (React resets
  // a form after its action), so a failed sign-in does not wipe the email.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  };
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={submit}
      className={className ?? "space-y-3"}
      data-testid={testId}
    >
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${danger ? "bg-red-600 hover:bg-red-700" : "bg-slate-900 hover:bg-slate-700"}`}
      >
        {submitLabel}
      </button>
      {state && !state.ok && (
        <div
          role="alert"
          tabIndex={-1}
          data-form-error
          data-testid="form-error"
          className="text-sm text-red-700"
        >
          <p>{state.error.message}</p>
          {state.error.fields && (
            <ul className="list-disc pl-5">
              {Object.entries(state.error.fields).map(([key, messages]) => (
                <li key={key}>
                  {key}: {messages.join(", ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {token && linkPrefix && (
        <label className="block text-sm">
          {linkIntro}{" "}
          <input
            readOnly
            data-testid="created-link"
            className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            value={`${window.location.origin}${linkPrefix}${token}`}
          />
        </label>
      )}
      {token && revealToken && (
        <label className="block text-sm">
          Copy this token now; it is shown once:
          <input
            readOnly
            data-testid="created-token"
            className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            value={token}
          />
        </label>
      )}
    </form>
  );
}

/**
 * Focuses the first control that is invalid (aria-invalid, or named by the server's field errors), else
 * the form's error message. Shared with the launch form.
 */
export function focusFirstError(form: HTMLFormElement, named: ReadonlySet<string> = new Set()) {
  const controls = Array.from(form.elements) as HTMLElement[];
  const first = controls.find(
    (el) =>
      el.getAttribute("aria-invalid") === "true" ||
      (named.has(el.getAttribute("name") ?? "") && el.getAttribute("type") !== "hidden"),
  );
  const target = first ?? form.querySelector<HTMLElement>("[data-form-error]");
  target?.focus();
}

export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  required?: boolean;
}) {
  return (
    <label className="block text-sm">
      <span className="text-slate-600">{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        required={props.required}
        className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
      />
    </label>
  );
}
