import { NotFoundPanel } from "@/components/not-found/not-found-panel";

export const metadata = { title: "Not found" };

/** Any address no page answers (and any 404 without a closer not-found page). */
export default function NotFound() {
  return (
    <NotFoundPanel title="Page not found" back={{ href: "/", label: "Home" }}>
      Nothing lives at this address. It may have moved, or the link is mistyped.
    </NotFoundPanel>
  );
}
