/**
 * Commit → browser latency of live updates, with a run in progress: a production web server (`next
 * start`) serves a signed-in member (/api/events refuses anyone else; the benchmark used to wait forever
 * on the refused stream) while a direct LISTEN hears each step's NOTIFY at commit time. Two clients:
 *  - an SSE client in this process: commit → the step's `event: run` arriving;
 *  - the run's overview page in headless Chromium: commit → the page showing the step in its progress
 *    line (the event patches the header at once), and commit → its charts holding the step (the
 *    overview refetch merged and rendered); both read in a MutationObserver.
 * Times on both sides are wall-clock milliseconds of this one machine.
 */
import { chromium, type Browser } from "@playwright/test";
import pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RUN_CHANGE_CHANNEL } from "@/lib/domain/run-change";
import { pickBrowserExecutable } from "@/lib/tools/scripts/browser";
import { createOwnerSession, startWebServer, type WebServer } from "@/lib/tools/bench/web/web-server";

interface Change {
  runId: string;
  currentStep: number;
}

const READY_TIMEOUT_MS = 60_000;

declare global {
  interface Window {
    __stepSeenAt?: Record<number, number>;
    __chartsSeenAt?: Record<number, number>;
  }
}

export interface LiveLatencies {
  /** Commit → Server-Sent Event, per step the stream delivered. */
  sse: number[];
  /** Commit → the page showing the step, per step the page showed (a page may skip steps that came fast). */
  browser: number[];
  /** Commit → the page's charts holding the step (the overview refetch merged and rendered). */
  charts: number[];
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not happen within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reads `event: run` blocks of an SSE response; resolves `opened` on `event: ready`. */
async function readEvents(res: Response, onReady: () => void, onRun: (change: Change) => void) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.includes("event: ready")) onReady();
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (block.includes("event: run") && data) onRun(JSON.parse(data) as Change);
    }
  }
}

export function measureLiveLatency(url: string, prisma: PrismaClient, runId: string) {
  const heardAt = new Map<number, number>();
  const streamedAt = new Map<number, number>();
  const abort = new AbortController();
  let server: WebServer | null = null;
  let browser: Browser | null = null;
  const listen = new pg.Client({ connectionString: url });

  const ready = withTimeout(
    (async () => {
      server = await startWebServer(url);
      const { token, cookie } = await createOwnerSession(prisma);
      await listen.connect();
      listen.on("notification", (m) => {
        const change = JSON.parse(m.payload ?? "{}") as Change;
        if (change.runId === runId && !heardAt.has(change.currentStep))
          heardAt.set(change.currentStep, Date.now());
      });
      await listen.query(`LISTEN ${RUN_CHANGE_CHANNEL}`);
      const res = await fetch(`${server.base}/api/events?runs=${runId}`, {
        headers: { cookie },
        signal: abort.signal,
      });
      if (!res.ok) throw new Error(`/api/events answered ${res.status}`);
      let opened: () => void = () => {};
      const open = new Promise<void>((r) => (opened = r));
      void readEvents(res, opened, (change) => {
        if (change.runId === runId && !streamedAt.has(change.currentStep))
          streamedAt.set(change.currentStep, Date.now());
      });
      await open;

      browser = await chromium.launch({ executablePath: pickBrowserExecutable(), args: ["--no-sandbox"] });
      const context = await browser.newContext();
      await context.addCookies([
        { name: "espl.session_token", value: token, url: server.base, httpOnly: true, sameSite: "Lax" },
      ]);
      const page = await context.newPage();
      // The first time the progress line names each step ("step N / T": N steps committed). Passed as
      // source text, not a function: tsx compiles with keepNames, which wraps inner functions in an
      // `__name(...)` helper the page does not have, so a function here threw and never observed anything.
      await page.addInitScript({
        content: `
          window.__stepSeenAt = {};
          window.__chartsSeenAt = {};
          new MutationObserver(() => {
            const text = document.querySelector('[data-testid="run-progress"]')?.textContent ?? "";
            const n = /step (\\d+)/.exec(text)?.[1];
            if (n !== undefined && !(Number(n) in window.__stepSeenAt)) window.__stepSeenAt[Number(n)] = Date.now();
            const last = document.querySelector('[data-charts-last-step]')?.getAttribute('data-charts-last-step');
            if (last && !((Number(last) + 1) in window.__chartsSeenAt)) window.__chartsSeenAt[Number(last) + 1] = Date.now();
          }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        `,
      });
      await page.goto(`${server.base}/runs/${runId}`);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      return page;
    })(),
    "the web server, its event stream and the run page opening",
  );

  const close = async () => {
    abort.abort();
    await listen.end().catch(() => {});
    await (browser as Browser | null)?.close();
    await (server as WebServer | null)?.stop();
  };
  // Whatever started before a failure is stopped with it, so nothing is left running.
  ready.catch(() => close());

  return {
    ready: ready.then(() => undefined),
    async stop(): Promise<LiveLatencies> {
      const page = await ready;
      const [seen, charted] = await page.evaluate(() => [
        window.__stepSeenAt ?? {},
        window.__chartsSeenAt ?? {},
      ]);
      await close();
      const sse: number[] = [];
      const shown: number[] = [];
      const charts: number[] = [];
      for (const [step, heard] of heardAt) {
        const streamed = streamedAt.get(step);
        if (streamed !== undefined) sse.push(Math.max(0, streamed - heard));
        const painted = seen[step];
        if (painted !== undefined) shown.push(Math.max(0, painted - heard));
        const drawn = charted[step];
        if (drawn !== undefined) charts.push(Math.max(0, drawn - heard));
      }
      return { sse, browser: shown, charts };
    },
  };
}
