/** What the importer could not read, per file, so a damaged folder still imports what it holds. */
import { relative } from "node:path";

export interface ImportProblem {
  /** Path relative to the folder given to the importer. */
  file: string;
  reason: string;
}

export class ProblemList {
  readonly items: ImportProblem[] = [];
  constructor(private readonly root: string) {}

  add(file: string, reason: string): void {
    this.items.push({ file: relative(this.root, file) || ".", reason });
  }
}
