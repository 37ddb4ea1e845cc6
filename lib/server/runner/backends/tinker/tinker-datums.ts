/** What the adapter sends to train: datums, loss configuration, and small helpers around them. */
import "server-only";
import { buildTrainingDatum } from "@/lib/espl/datums";
import type { TrainRequest } from "@/lib/espl/ports";
import { type Datum, tensor, toModelInput } from "./protocol";

/** Runs `fn` over items with at most `limit` in flight, results in order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

export function sumMetrics(into: Record<string, number>, from: Record<string, number> | null | undefined) {
  for (const [key, value] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + value;
}

export function lossFnConfig(lossFn: TrainRequest["lossFn"]): Record<string, number> | null {
  // E-SPL's CISPO clips the ratio to [0, 4]; PPO and importance sampling use the service's defaults.
  return lossFn === "cispo" ? { clip_low_threshold: 0, clip_high_threshold: 4 } : null;
}

/** SPEC §10.4 datums (lib/espl/datums.ts) in Tinker's shape: one per train item, in order. */
export function toTinkerDatums(request: TrainRequest): Datum[] {
  return request.items.map((item, i) => {
    const { promptTokens, tokens, logprobs } = item.completion;
    if (!promptTokens || !tokens || !logprobs)
      throw new Error(`train item ${i} has no token ids or logprobs: it was not sampled by this backend`);
    const datum = buildTrainingDatum(promptTokens, tokens, logprobs, item.advantage);
    return {
      model_input: toModelInput(datum.inputTokens),
      loss_fn_inputs: {
        target_tokens: tensor(datum.targetTokens, "int64"),
        logprobs: tensor(datum.logprobs, "float32"),
        advantages: tensor(datum.advantages, "float32"),
      },
    };
  });
}
