/**
 * Wakes a follower as soon as a step of its run commits (LISTEN on the runner's NOTIFY channel) instead
 * of at its next poll. Polling still runs underneath: status changes are not notified, and a listener
 * whose connection failed simply never wakes anyone early.
 */
import pg from "pg";
import { STEP_CHANNEL, stepNotificationSchema } from "@/lib/server/runner/step-channel";

export class StepListener {
  private wakeUp: (() => void) | null = null;

  private constructor(private readonly client: pg.Client | null) {}

  static async open(url: string, runId: string): Promise<StepListener> {
    const client = new pg.Client({ connectionString: url });
    // A dropped connection must not crash the CLI: the follower falls back to polling.
    client.on("error", () => {});
    const listener = new StepListener(client);
    client.on("notification", (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload ?? "");
      } catch {
        return;
      }
      const note = stepNotificationSchema.safeParse(payload);
      if (note.success && note.data.runId === runId) listener.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${STEP_CHANNEL}`);
      return listener;
    } catch {
      await client.end().catch(() => {});
      return new StepListener(null);
    }
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Resolves after `ms`, or earlier on a step of the run, a wake() or the signal's abort. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.wakeUp = done;
      if (signal.aborted) done();
    });
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => {});
  }
}
