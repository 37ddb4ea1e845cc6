import "server-only";
/**
 * One LISTEN connection per web server process, fanned out to every open event stream. A lost connection
 * (database restart) is re-established with backoff; subscribers are told to resync, since changes made
 * while it was down were not heard.
 */
import pg from "pg";
import { RUN_CHANGE_CHANNEL, runChangeSchema, type RunChange } from "@/lib/domain/run-change";

export type HubEvent = { type: "change"; change: RunChange } | { type: "resync" };
type Listener = (event: HubEvent) => void;

class RunChangeHub {
  private listeners = new Set<Listener>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 250;
  private listeningWaiters: Array<() => void> = [];

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Resolves once LISTEN is in place. A stream says "ready" only then: a client that refetches on ready
   * and then misses a NOTIFY sent before LISTEN would otherwise stay stale until the next change.
   */
  whenListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    void this.ensureConnected();
    return new Promise((resolve) => this.listeningWaiters.push(resolve));
  }

  private emit(event: HubEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    client.on("notification", (message) => {
      if (message.channel !== RUN_CHANGE_CHANNEL || !message.payload) return;
      const parsed = runChangeSchema.safeParse(JSON.parse(message.payload));
      if (parsed.success) this.emit({ type: "change", change: parsed.data });
    });
    const reconnect = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      setTimeout(() => {
        void this.ensureConnected().then(() => this.emit({ type: "resync" }));
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${RUN_CHANGE_CHANNEL}`);
      this.client = client;
      this.retryMs = 250;
      for (const resolve of this.listeningWaiters.splice(0)) resolve();
    } catch {
      client.end().catch(() => {});
      setTimeout(() => void this.ensureConnected().then(() => this.emit({ type: "resync" })), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
    }
  }
}

const cache = globalThis as unknown as { esplRunChangeHub?: RunChangeHub };

export function getRunChangeHub(): RunChangeHub {
  cache.esplRunChangeHub ??= new RunChangeHub();
  return cache.esplRunChangeHub;
}
