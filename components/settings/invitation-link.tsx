"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * The invitation's link, to copy and send: no mail leaves the server. The origin is the one the owner is
 * using, known only in the browser (the server may sit behind a proxy).
 */
export function InvitationLink({ invitationId, email }: { invitationId: string; email: string }) {
  const origin = useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "",
  );
  return (
    <input
      readOnly
      aria-label={`Invitation link for ${email}`}
      data-testid="invitation-link"
      onFocus={(event) => event.currentTarget.select()}
      className="w-80 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
      value={`${origin}/invite/${invitationId}`}
    />
  );
}
