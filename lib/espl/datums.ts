/**
 * Token-level training datums (SPEC §10.4). Each kept sample becomes one next-token-prediction datum
 * over prompt + completion; the prompt positions carry zero logprob and zero advantage, so only the
 * sampled tokens (stop token included when it was sampled) are pushed by the importance-sampling loss.
 */
import { isGroupTrained } from "./advantages";

export interface TrainingDatum {
  /** full tokens without the last one */
  inputTokens: number[];
  /** full tokens shifted left by one */
  targetTokens: number[];
  /** 0.0 over the prompt part, then the sampler's logprobs */
  logprobs: number[];
  /** 0.0 over the prompt part, then the sample's advantage on every sampled token */
  advantages: number[];
}

export interface DatumInputs {
  /** [k][B][tokens]: the rendered prompt of each (slot, problem) */
  promptTokens: readonly (readonly (readonly number[])[])[];
  /** [k][B][G][tokens] */
  sampledTokens: readonly (readonly (readonly (readonly number[])[])[])[];
  /** [k][B][G][tokens], one logprob per sampled token */
  sampledLogprobs: readonly (readonly (readonly (readonly number[])[])[])[];
  /** [k][B][G] from computeAdvantages */
  advantages: readonly (readonly (readonly number[])[])[];
}

/** One sample's datum: the rendered prompt's tokens, the sampled tokens with their logprobs, and its A. */
export function buildTrainingDatum(
  prompt: readonly number[],
  sampled: readonly number[],
  logprobs: readonly number[],
  advantage: number,
): TrainingDatum {
  if (prompt.length === 0) throw new RangeError("a datum needs at least one prompt token");
  if (logprobs.length !== sampled.length)
    throw new RangeError(`got ${logprobs.length} logprobs for ${sampled.length} sampled tokens`);
  // The last prompt token predicts the first sampled token, so the observation part is one shorter.
  const observationLength = prompt.length - 1;
  const tokens = [...prompt, ...sampled];
  const zeros = new Array<number>(observationLength).fill(0);
  return {
    inputTokens: tokens.slice(0, -1),
    targetTokens: tokens.slice(1),
    logprobs: [...zeros, ...logprobs],
    advantages: [...zeros, ...new Array<number>(sampled.length).fill(advantage)],
  };
}

/**
 * Datums in program → problem → sample order. Groups whose advantages are all exactly 0.0 are left out
 * (no learning signal), which is the reference's only filter; no mask field is produced.
 */
export function buildTrainingDatums(inputs: DatumInputs): TrainingDatum[] {
  const datums: TrainingDatum[] = [];
  inputs.advantages.forEach((slot, p) => {
    slot.forEach((group, b) => {
      if (!isGroupTrained(group)) return;
      const prompt = inputs.promptTokens[p]?.[b];
      const samples = inputs.sampledTokens[p]?.[b];
      const logprobs = inputs.sampledLogprobs[p]?.[b];
      if (
        !prompt ||
        !samples ||
        !logprobs ||
        samples.length !== group.length ||
        logprobs.length !== group.length
      )
        throw new RangeError(`datum inputs for slot ${p}, problem ${b} do not match the advantages' shape`);
      group.forEach((advantage, g) =>
        datums.push(buildTrainingDatum(prompt, samples[g] ?? [], logprobs[g] ?? [], advantage)),
      );
    });
  });
  return datums;
}
