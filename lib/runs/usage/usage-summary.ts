/**
 * A run's token usage as the overview and exports show it: policy sampling and reflection calls apart,
 * tokens trained, per step on average and for the last step, and a cost estimate where the backend that
 * served the tokens has prices ($ per 1M tokens in / out). Pure, so the figures are unit-tested.
 */

export interface UsageCounts {
  policyPromptTokens: number;
  policyCompletionTokens: number;
  reflectionPromptTokens: number;
  reflectionCompletionTokens: number;
  reflectionCalls: number;
  trainTokens: number;
}

export interface Prices {
  inputPricePerM?: number;
  outputPricePerM?: number;
}

export interface UsageSummary {
  total: UsageCounts;
  /** Averages over committed steps; null before the first step. */
  perStep: UsageCounts | null;
  last: UsageCounts | null;
  /** Dollars; null where the serving backend has no prices (the simulator has none). */
  cost: { policy: number | null; reflection: number | null; total: number | null };
}

export const USAGE_KEYS = [
  "policyPromptTokens",
  "policyCompletionTokens",
  "reflectionPromptTokens",
  "reflectionCompletionTokens",
  "reflectionCalls",
  "trainTokens",
] as const satisfies readonly (keyof UsageCounts)[];

export function emptyCounts(): UsageCounts {
  return {
    policyPromptTokens: 0,
    policyCompletionTokens: 0,
    reflectionPromptTokens: 0,
    reflectionCompletionTokens: 0,
    reflectionCalls: 0,
    trainTokens: 0,
  };
}

export function priceTokens(prompt: number, completion: number, prices: Prices | null): number | null {
  if (!prices || (prices.inputPricePerM === undefined && prices.outputPricePerM === undefined)) return null;
  return (prompt * (prices.inputPricePerM ?? 0) + completion * (prices.outputPricePerM ?? 0)) / 1_000_000;
}

export function summariseUsage(input: {
  total: UsageCounts;
  last: UsageCounts | null;
  stepCount: number;
  policyPrices: Prices | null;
  reflectionPrices: Prices | null;
}): UsageSummary {
  const { total, stepCount } = input;
  const perStep =
    stepCount > 0
      ? (Object.fromEntries(USAGE_KEYS.map((k) => [k, total[k] / stepCount])) as unknown as UsageCounts)
      : null;
  const policy = priceTokens(total.policyPromptTokens, total.policyCompletionTokens, input.policyPrices);
  const reflection = priceTokens(
    total.reflectionPromptTokens,
    total.reflectionCompletionTokens,
    input.reflectionPrices,
  );
  return {
    total,
    perStep,
    last: input.last,
    cost: {
      policy,
      reflection,
      total: policy === null && reflection === null ? null : (policy ?? 0) + (reflection ?? 0),
    },
  };
}

/** 1234567 → "1.23M", 4321 → "4.3k": token counts at a glance. */
export function formatTokens(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.round(n).toLocaleString("en-US");
}

export function formatDollars(value: number | null): string {
  if (value === null) return "—";
  return value < 0.01 && value > 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
