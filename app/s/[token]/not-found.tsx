import { NotFoundPanel } from "@/components/not-found/not-found-panel";

/**
 * A share link that opens nothing: unknown, revoked or expired, or naming a run it does not share. The
 * page says so without telling which (a guessed token learns nothing).
 */
export default function ShareNotFound() {
  return (
    <NotFoundPanel title="Share link not found" back={{ href: "/", label: "E-SPL Studio home" }}>
      <p>
        This share link opens nothing here: it may have been revoked or have expired, or the address is
        mistyped. Ask whoever sent it for a new link.
      </p>
    </NotFoundPanel>
  );
}
