/** What the importer could not read, per file, so a damaged folder still imports what it holds. */
import "server-only";
import { relative } from "node:path";
import { scrubServerPaths } from "@/lib/domain/errors";

export interface ImportProblem {
  /** Path relative to the folder given to the importer. */
  file: string;
  reason: string;
}

export class ProblemList {
  readonly items: ImportProblem[] = [];
  constructor(private readonly root: string) {}

  add(file: string, reason: string): void {
    // Reasons can quote filesystem errors, which name absolute (temporary) paths; the report shows none.
    this.items.push({ file: relative(this.root, file) || ".", reason: scrubServerPaths(reason) });
  }
}
