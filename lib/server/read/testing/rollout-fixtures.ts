import type { PrismaClient } from "@/lib/generated/prisma/client";

/** One program and one train rollout with its text in a run, for tests that need a real rollout id. */
export async function createRolloutRow(
  prisma: PrismaClient,
  runId: string,
  completion = "The answer is 4.",
  principle = "Check the units.",
): Promise<string> {
  const program = await prisma.program.create({
    data: {
      runId,
      programId: 0,
      principles: [{ id: "G0", text: principle }],
      origin: "root",
      birthStep: -1,
      mu: 25,
      sigma: 8.3,
    },
  });
  const rollout = await prisma.rollout.create({
    data: {
      runId,
      step: 0,
      split: "train",
      slot: 0,
      programId: program.id,
      problemIndex: 0,
      sampleIndex: 0,
      reward: 1,
      completionChars: completion.length,
      extractedAnswer: "4",
      text: { create: { completion } },
    },
  });
  return rollout.id.toString();
}
