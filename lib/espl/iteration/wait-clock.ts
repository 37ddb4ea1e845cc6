/**
 * Splits an iteration's wall time into port time and engine time. Port calls overlap one another and the
 * engine's own work (training runs during evolution, the crossover call during mutation), so "time a
 * call was outstanding" cannot simply be subtracted: with an in-memory backend a finished call is only
 * noticed once the engine yields, and everything computed meanwhile would pass for waiting. Engine time
 * is therefore measured as what the JS thread spent outside port code: wall time minus event-loop idle
 * time (nothing ran, i.e. waiting on I/O) minus the time spent synchronously inside port calls (an
 * in-memory simulator does its work there). Where no idle meter exists (a browser, or a test clock),
 * engine time falls back to the time no call was outstanding.
 */
import type { IterationTimings } from "./types";

export type WaitKind = "backend" | "llm";

/** Cumulative event-loop idle milliseconds; Node's `performance.eventLoopUtilization()` provides it. */
export type IdleMeter = () => number;

interface EventLoopPerformance {
  eventLoopUtilization?: () => { idle: number };
}

/** Node's idle meter, or null where the runtime has none. */
export function findIdleMeter(): IdleMeter | null {
  const perf = (globalThis as { performance?: EventLoopPerformance }).performance;
  const elu = perf?.eventLoopUtilization;
  if (typeof elu !== "function") return null;
  return () => elu.call(perf).idle;
}

export class WaitClock {
  private readonly startedAt: number;
  private readonly idleAtStart: number;
  private readonly outstanding = { backend: 0, llm: 0 };
  private readonly since = { backend: 0, llm: 0 };
  private readonly waited = { backend: 0, llm: 0 };
  private outstandingAny = 0;
  private anySince = 0;
  private waitedAny = 0;
  private insidePorts = 0;
  private grading = 0;

  constructor(
    private readonly now: () => number,
    private readonly idle: IdleMeter | null = null,
  ) {
    this.startedAt = now();
    this.idleAtStart = idle ? idle() : 0;
  }

  private begin(kind: WaitKind, t: number): void {
    if (this.outstanding[kind]++ === 0) this.since[kind] = t;
    if (this.outstandingAny++ === 0) this.anySince = t;
  }

  private end(kind: WaitKind): void {
    const t = this.now();
    if (--this.outstanding[kind] === 0) this.waited[kind] += t - this.since[kind];
    if (--this.outstandingAny === 0) this.waitedAny += t - this.anySince;
  }

  /** Runs a port call, timing its synchronous part and the span until it settles (resolved or rejected). */
  async track<T>(kind: WaitKind, call: () => Promise<T>): Promise<T> {
    const t = this.now();
    this.begin(kind, t);
    try {
      let pending: Promise<T>;
      try {
        pending = call();
      } finally {
        this.insidePorts += this.now() - t;
      }
      return await pending;
    } finally {
      this.end(kind);
    }
  }

  /** Runs synchronous grading work, timed as part of engine time and reported on its own. */
  timeGrading<T>(work: () => T): T {
    const t = this.now();
    try {
      return work();
    } finally {
      this.grading += this.now() - t;
    }
  }

  /** Wraps a function whose calls should all be timed, e.g. the chat port. */
  wrap<A extends unknown[], T>(kind: WaitKind, fn: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
    return (...args) => this.track(kind, () => fn(...args));
  }

  read(): IterationTimings {
    const totalMs = this.now() - this.startedAt;
    const engineMs = this.idle
      ? totalMs - (this.idle() - this.idleAtStart) - this.insidePorts
      : totalMs - this.waitedAny;
    return {
      totalMs,
      engineMs: Math.max(0, engineMs),
      gradingMs: this.grading,
      backendMs: this.waited.backend,
      llmMs: this.waited.llm,
    };
  }
}
