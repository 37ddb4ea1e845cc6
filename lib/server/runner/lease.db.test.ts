import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { registerSecret } from "@/lib/server/security/redact";
import {
  claimRun,
  finishRun,
  releaseAllLeases,
  releaseLease,
  renewLease,
  renewLeaseState,
  setLeasedStatusDetail,
} from "./lease";
import { findStrandedRuns } from "./reaper";
import { createFakeRun } from "./testing/worker-processes";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function newRun(): Promise<string> {
  return createFakeRun(db.prisma, { steps: 1 });
}

async function readRun(id: string) {
  return db.prisma.run.findUniqueOrThrow({ where: { id } });
}

/** Moves the run's lease into the past, as if its worker had stopped heartbeating long ago. */
async function expireLease(id: string) {
  await db.pool.query(`UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
}

describe("claimRun", () => {
  test("twenty workers claiming the same run at once: exactly one wins", async () => {
    const id = await newRun();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimRun(db.prisma, id, `w${i}`, 15_000)),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const run = await readRun(id);
    expect(run).toMatchObject({
      status: "running",
      attempts: 1,
      leaseOwner: expect.stringMatching(/^w\d+$/),
    });
    expect(run.startedAt).not.toBeNull();
    expect(run.leaseExpiresAt!.getTime() - run.heartbeatAt!.getTime()).toBe(15_000);
  });

  test("a live lease is not taken; an expired one is, and the takeover is reported", async () => {
    const id = await newRun();
    expect(await claimRun(db.prisma, id, "a", 15_000)).toMatchObject({
      previousStatus: "queued",
      attempts: 1,
    });
    expect(await claimRun(db.prisma, id, "b", 15_000)).toBeNull();
    await expireLease(id);
    expect(await claimRun(db.prisma, id, "b", 15_000)).toMatchObject({
      previousStatus: "running",
      previousOwner: "a",
      attempts: 2,
    });
    expect((await readRun(id)).leaseOwner).toBe("b");
  });

  test("claiming again a lease already ours succeeds (a retried claim whose reply was lost)", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    expect(await claimRun(db.prisma, id, "a", 15_000)).not.toBeNull();
  });

  test("paused, finished and unknown runs are not claimed", async () => {
    const id = await newRun();
    await db.prisma.run.update({ where: { id }, data: { status: "paused" } });
    expect(await claimRun(db.prisma, id, "a", 15_000)).toBeNull();
    await db.prisma.run.update({ where: { id }, data: { status: "completed" } });
    expect(await claimRun(db.prisma, id, "a", 15_000)).toBeNull();
    expect(await claimRun(db.prisma, "00000000-0000-4000-8000-000000000000", "a", 15_000)).toBeNull();
  });
});

describe("crash counting (poison-run detection)", () => {
  test("a takeover of an expired lease counts a crash; a release or a committed step does not", async () => {
    const id = await newRun();
    expect(await claimRun(db.prisma, id, "a", 15_000)).toMatchObject({ afterCrash: false, crashes: 0 });
    await expireLease(id);
    expect(await claimRun(db.prisma, id, "b", 15_000)).toMatchObject({ afterCrash: true, crashes: 1 });
    await expireLease(id);
    expect(await claimRun(db.prisma, id, "c", 15_000)).toMatchObject({ afterCrash: true, crashes: 2 });
    expect(await renewLeaseState(db.prisma, id, "c", 15_000)).toEqual({ control: "none", suspect: true });
    // A committed step: the crashes before it no longer count, and the run is no suspect any more.
    await db.pool.query(`UPDATE runs SET current_step = current_step + 1 WHERE id = $1`, [id]);
    expect(await renewLeaseState(db.prisma, id, "c", 15_000)).toEqual({ control: "none", suspect: false });
    await releaseLease(db.prisma, id, "c");
    expect(await claimRun(db.prisma, id, "d", 15_000)).toMatchObject({ afterCrash: false, crashes: 0 });
    await expireLease(id);
    expect(await claimRun(db.prisma, id, "e", 15_000)).toMatchObject({ afterCrash: true, crashes: 1 });
  });

  test("a suspect run is left to a worker holding nothing else; the crash is counted by that one", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    await expireLease(id);
    expect(await claimRun(db.prisma, id, "busy", 15_000, { alone: false })).toBeNull();
    expect((await readRun(id)).crashCount).toBe(0);
    expect(await claimRun(db.prisma, id, "idle", 15_000, { alone: true })).toMatchObject({ crashes: 1 });
    // Not a suspect: any worker may take it.
    const fresh = await newRun();
    expect(await claimRun(db.prisma, fresh, "busy", 15_000, { alone: false })).not.toBeNull();
  });
});

describe("renewLease", () => {
  test("extends the lease and reports the requested control; null once the lease is someone else's", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 1_000);
    const before = (await readRun(id)).leaseExpiresAt!;
    await db.prisma.run.update({ where: { id }, data: { control: "hard_cancel" } });
    expect(await renewLease(db.prisma, id, "a", 15_000)).toBe("hard_cancel");
    expect((await readRun(id)).leaseExpiresAt!.getTime()).toBeGreaterThan(before.getTime());
    expect(await renewLease(db.prisma, id, "b", 15_000)).toBeNull();
  });
});

describe("finishRun", () => {
  test.each(["completed", "cancelled", "failed"] as const)(
    "%s: status, finishedAt, lease cleared",
    async (status) => {
      const id = await newRun();
      await claimRun(db.prisma, id, "a", 15_000);
      const error = status === "failed" ? "boom" : null;
      expect(await finishRun(db.prisma, id, "a", status, error)).toBe(status);
      const run = await readRun(id);
      expect(run).toMatchObject({ status, error, leaseOwner: null, leaseExpiresAt: null, control: "none" });
      expect(run.finishedAt).not.toBeNull();
    },
  );

  test("credentials a backend echoed in the error or status detail are masked before they are stored", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    registerSecret("opened-backend-key-42");
    await setLeasedStatusDetail(
      db.prisma,
      id,
      "a",
      "retrying: 401 with Authorization: Bearer abcdefgh12345678",
    );
    expect((await readRun(id)).statusDetail).toBe("retrying: 401 with Authorization: [redacted]");
    await finishRun(db.prisma, id, "a", "failed", "POST http://x/v1?api_key=opened-backend-key-42 gave 500");
    const run = await readRun(id);
    expect(run.error).toBe("POST http://x/v1?api_key=[redacted] gave 500");
    expect(JSON.stringify(run)).not.toContain("opened-backend-key-42");
  });

  test("paused keeps finishedAt empty and clears the pause request", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    await db.prisma.run.update({ where: { id }, data: { control: "pause" } });
    expect(await finishRun(db.prisma, id, "a", "paused")).toBe("paused");
    expect(await readRun(id)).toMatchObject({ status: "paused", control: "none", finishedAt: null });
  });

  test("a pause that meets a cancel requested meanwhile ends cancelled", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    await db.prisma.run.update({ where: { id }, data: { control: "cancel" } });
    expect(await finishRun(db.prisma, id, "a", "paused")).toBe("cancelled");
    const run = await readRun(id);
    expect(run).toMatchObject({ status: "cancelled", control: "none" });
    expect(run.finishedAt).not.toBeNull();
  });

  test("writes nothing when the lease is not ours", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "a", 15_000);
    expect(await finishRun(db.prisma, id, "b", "completed")).toBeNull();
    expect((await readRun(id)).status).toBe("running");
  });

  test("refuses an outcome the status machine forbids", async () => {
    const id = await newRun();
    await expect(finishRun(db.prisma, id, "a", "running" as never)).rejects.toThrow(
      /cannot change run status/,
    );
  });
});

describe("releasing and reaping", () => {
  test("a released run stays running, with no lease, and can be claimed at once", async () => {
    const id = await newRun();
    await claimRun(db.prisma, id, "releaser", 15_000);
    expect(await releaseLease(db.prisma, id, "releaser")).toBe(true);
    expect(await readRun(id)).toMatchObject({ status: "running", leaseOwner: null });
    expect(await claimRun(db.prisma, id, "successor", 15_000)).toMatchObject({ previousOwner: null });
    expect(await releaseAllLeases(db.prisma, "successor")).toEqual([id]);
  });

  test("the reaper finds expired leases at once and lease-less runs after the grace period", async () => {
    await db.pool.query(`UPDATE runs SET status = 'completed' WHERE status IN ('queued', 'running')`);
    const queued = await newRun();
    const live = await newRun();
    const dead = await newRun();
    await claimRun(db.prisma, live, "a", 15_000);
    await claimRun(db.prisma, dead, "b", 15_000);
    await expireLease(dead);
    expect(await findStrandedRuns(db.prisma, 60_000)).toEqual([{ runId: dead, expired: true }]);
    await db.pool.query(`UPDATE runs SET updated_at = now() - interval '1 minute' WHERE id = $1`, [queued]);
    const found = await findStrandedRuns(db.prisma, 10_000);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        { runId: queued, expired: false },
        { runId: dead, expired: true },
      ]),
    );
  });
});
