import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { RunChange } from "@/lib/domain/run-change";
import { foldRunChange } from "./fold-run-change";

type Row = { step: number };
const key = ["runs-list", "?"];
const change = (step: number): RunChange => ({
  runId: "00000000-0000-4000-8000-000000000001",
  projectId: "00000000-0000-4000-8000-000000000002",
  status: "running",
  statusDetail: null,
  currentStep: step,
  totalSteps: 50,
  bestTestPass1: null,
  bestConservative: null,
});
const applyStep = (_: Row, c: RunChange): Row => ({ step: c.currentStep });

/** A query whose fetches answer only when the test says so, each with the database as it was when it began. */
function setUp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  let database = 1;
  const pending: Array<() => void> = [];
  const queryFn = ({ signal }: { signal: AbortSignal }) => {
    const seen = database;
    return new Promise<Row>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(new Error("aborted")));
      pending.push(() => resolve({ step: seen }));
    });
  };
  client.setQueryData<Row>(key, { step: 1 });
  // An observer makes the query active, as a mounted list is, so invalidation refetches it.
  const unsubscribe = new QueryObserver(client, { queryKey: key, queryFn }).subscribe(() => {});
  return {
    client,
    commit: (step: number) => (database = step),
    answerAll: async () => {
      for (const answer of pending.splice(0)) answer();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    unsubscribe,
  };
}

describe("foldRunChange", () => {
  it("keeps a change that lands while an older fetch is in flight", async () => {
    const t = setUp();
    void t.client.refetchQueries({ queryKey: key }); // the refetch on "ready", reading step 1
    t.commit(2);
    foldRunChange(t.client, key, applyStep, change(2), () => {
      throw new Error("a patchable change needs no refetch");
    });
    expect(t.client.getQueryData<Row>(key)).toEqual({ step: 2 });
    await t.answerAll();
    await t.answerAll();
    expect(t.client.getQueryData<Row>(key)).toEqual({ step: 2 });
    t.unsubscribe();
  });

  it("patches in place without fetching when nothing is in flight", () => {
    const t = setUp();
    foldRunChange(t.client, key, applyStep, change(3), () => {
      throw new Error("no refetch expected");
    });
    expect(t.client.getQueryData<Row>(key)).toEqual({ step: 3 });
    expect(t.client.isFetching({ queryKey: key })).toBe(0);
    t.unsubscribe();
  });

  it("refetches when the change is not in the entry", () => {
    const t = setUp();
    let refetched = 0;
    foldRunChange(
      t.client,
      key,
      () => null,
      change(4),
      () => refetched++,
    );
    expect(refetched).toBe(1);
    expect(t.client.getQueryData<Row>(key)).toEqual({ step: 1 });
    t.unsubscribe();
  });
});
