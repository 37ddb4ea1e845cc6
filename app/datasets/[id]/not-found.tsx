import { NotFoundPanel } from "@/components/not-found/not-found-panel";

export default function DatasetNotFound() {
  return (
    <NotFoundPanel title="Dataset not found" back={{ href: "/datasets", label: "All datasets" }}>
      There is no dataset with this id in your projects: it may have been deleted, or the address is mistyped.
    </NotFoundPanel>
  );
}
