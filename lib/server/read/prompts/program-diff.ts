import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import type { ProgramOrigin } from "@/lib/generated/prisma/enums";
import { alignByText } from "@/lib/view/prompts/derive-hop";
import { propagateIdentities, type Identity } from "@/lib/view/prompts/lineage";
import { parsePrinciples, type StoredPrinciple } from "@/lib/view/prompts/principles";
import { diffPrinciples, type PrincipleDiff } from "@/lib/view/prompts/principle-diff";
import { loadAncestorIds, loadChain } from "./load-chain";
import { findScopedRun } from "../scoped-run";

/** Generations searched for a common ancestor on each side; beyond it the diff aligns texts instead. */
export const DIFF_WINDOW = 2000;

export interface DiffSide {
  programId: number;
  origin: ProgramOrigin;
  birthStep: number;
  principleCount: number;
}

export interface ProgramDiff {
  a: DiffSide;
  b: DiffSide;
  /** The nearest common base ancestor the alignment went through; null when aligned by text. */
  commonAncestor: number | null;
  alignedBy: "provenance" | "text";
  diff: PrincipleDiff;
}

function textIdentities(a: StoredPrinciple[], b: StoredPrinciple[]): [Identity[], Identity[]] {
  const hop = alignByText(a, b);
  const left = a.map((principle) => ({ key: `a:${principle.id}`, principle }));
  const right = b.map((principle, i) => {
    const e = hop.entries[i]!;
    const same = e.kind === "unchanged" || e.kind === "modified";
    return { key: same ? `a:${e.sources[0]}` : `b:${principle.id}`, principle };
  });
  return [left, right];
}

/** A principle-level diff of program `b` against program `a` of one run. */
export async function getProgramDiff(
  scope: ReadScope,
  runId: string,
  a: number,
  b: number,
): Promise<ProgramDiff> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const rows = await prisma.program.findMany({
    where: { runId: run.id, programId: { in: [a, b] }, birthStep: { lte: run.maxStep } },
    select: { programId: true, origin: true, birthStep: true, principles: true },
  });
  const rowA = rows.find((r) => r.programId === a);
  const rowB = rows.find((r) => r.programId === b);
  if (!rowA || !rowB) throw notFound("program");
  const side = (r: typeof rowA): DiffSide => ({
    programId: r.programId,
    origin: r.origin,
    birthStep: r.birthStep,
    principleCount: parsePrinciples(r.principles).length,
  });
  const [upA, upB] = await Promise.all([
    loadAncestorIds(prisma, run.id, a, run.maxStep, DIFF_WINDOW),
    loadAncestorIds(prisma, run.id, b, run.maxStep, DIFF_WINDOW),
  ]);
  const inA = new Map(upA.map((x) => [x.rowId, x.depth]));
  const common = upB.find((x) => inA.has(x.rowId));
  if (!common) {
    const [left, right] = textIdentities(parsePrinciples(rowA.principles), parsePrinciples(rowB.principles));
    return {
      a: side(rowA),
      b: side(rowB),
      commonAncestor: null,
      alignedBy: "text",
      diff: diffPrinciples(left, right, new Map()),
    };
  }
  const pathA = upA
    .slice(0, inA.get(common.rowId)! + 1)
    .map((x) => x.rowId)
    .reverse();
  const pathB = upB
    .slice(0, common.depth + 1)
    .map((x) => x.rowId)
    .reverse();
  const [chainA, chainB] = await Promise.all([loadChain(prisma, pathA), loadChain(prisma, pathB)]);
  const merges = new Map<string, string[]>();
  const left = propagateIdentities(chainA, merges);
  const right = propagateIdentities(chainB, merges);
  const byText = [...chainA, ...chainB].some((l) => l.hop?.alignedBy === "text");
  return {
    a: side(rowA),
    b: side(rowB),
    commonAncestor: common.programId,
    alignedBy: byText ? "text" : "provenance",
    diff: diffPrinciples(left, right, merges),
  };
}
