/** A dataset version (a sha256 hex of its problems) as a header shows it: "sha256:1a2b3c4d5e6f". */
export function shortDatasetVersion(hash: string): string {
  return `sha256:${hash.slice(0, 12)}`;
}
