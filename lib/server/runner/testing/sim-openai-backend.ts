/**
 * What the OpenAI-compatible runner tests share: an evolution config small enough that a run through the
 * simulated server (lib/tools/sim-servers/openai) takes seconds, and a backend row pointing at that server.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDefaultConfig, type EsplConfig } from "@/lib/espl/config";

/** The simulated server's model names, as its /v1/models lists them. */
export const SIM_OPENAI_MODELS = { policy: "sim-policy", reflection: "sim-reflection" };

/** Evolution only (an OpenAI-compatible backend samples, it does not train), one epoch, short replies. */
export function smallEvolutionConfig(sizes: Pick<EsplConfig, "dataset_size" | "batch_size">) {
  return {
    ...getDefaultConfig(),
    train_mode: "evolution" as const,
    group_size: 2,
    test_group_size: 1,
    n_epochs: 1,
    max_tokens: 2048,
    ...sizes,
  };
}

/** An openai_compatible backend on the simulated server, sending it the reflection context it answers from. */
export async function createSimOpenAIBackend(
  prisma: PrismaClient,
  {
    projectId,
    name,
    baseUrl,
    options = {},
  }: { projectId: string; name: string; baseUrl: string; options?: object },
): Promise<string> {
  const backend = await prisma.modelBackend.create({
    data: {
      projectId,
      name,
      kind: "openai_compatible",
      baseUrl,
      models: SIM_OPENAI_MODELS,
      options: { sendReflectionContext: true, ...options },
    },
  });
  return backend.id;
}
