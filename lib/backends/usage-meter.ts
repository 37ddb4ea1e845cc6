/**
 * Token counts of the calls a run makes that do not come back inside a Completion: the reflection LLM's
 * chat calls (ChatFn returns text only). Drivers record into it; the runner takes the totals at each
 * step's commit, so they are stored with the step whose evolution made the calls.
 */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  calls: number;
}

export function emptyUsage(): TokenUsage {
  return { promptTokens: 0, completionTokens: 0, calls: 0 };
}

export class UsageMeter {
  private reflection = emptyUsage();

  recordReflection(usage: { promptTokens?: number | null; completionTokens?: number | null }): void {
    this.reflection.promptTokens += Math.max(0, usage.promptTokens ?? 0);
    this.reflection.completionTokens += Math.max(0, usage.completionTokens ?? 0);
    this.reflection.calls += 1;
  }

  /** The totals since the last take, and a fresh count from here. */
  takeReflection(): TokenUsage {
    const taken = this.reflection;
    this.reflection = emptyUsage();
    return taken;
  }
}
