/**
 * A run's token usage as the overview and exports show it: policy sampling and reflection calls apart,
 * tokens trained, per step on average and for the last step, and a cost estimate where the backend that
 * served the tokens has prices ($ per 1M tokens in / out). Pure, so the figures are unit-tested.
 * A count that was not recorded (an import; a backend that did not report every call's tokens) is null
 * all the way to the screen, which says "not recorded": the stored zero is never shown as a figure.
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

export type UsageKey = keyof UsageCounts;

/** Counts as shown: null where not recorded. */
export type ShownCounts = { [K in UsageKey]: number | null };

/** Which counts a run recorded. */
export type RecordedUsage = Record<UsageKey, boolean>;

export interface UsageSummary {
  total: ShownCounts;
  /** Averages over committed steps; null before the first step. */
  perStep: ShownCounts | null;
  last: ShownCounts | null;
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

/**
 * An import holds no token counts, only its stored calls; a native run has every count except those of
 * the calls (reflection calls, sampling batches) whose backend did not report them.
 */
export function recordedUsage(input: {
  imported: boolean;
  unrecordedReflectionCalls: number;
  unrecordedSamplingCalls?: number;
}): RecordedUsage {
  const reflectionTokens = !input.imported && input.unrecordedReflectionCalls === 0;
  const policyTokens = !input.imported && (input.unrecordedSamplingCalls ?? 0) === 0;
  return {
    policyPromptTokens: policyTokens,
    policyCompletionTokens: policyTokens,
    reflectionPromptTokens: reflectionTokens,
    reflectionCompletionTokens: reflectionTokens,
    reflectionCalls: true,
    trainTokens: !input.imported,
  };
}

function show(counts: UsageCounts, recorded: RecordedUsage): ShownCounts {
  return Object.fromEntries(USAGE_KEYS.map((k) => [k, recorded[k] ? counts[k] : null])) as ShownCounts;
}

function tokensUnknown(counts: ShownCounts): boolean {
  return (
    counts.policyPromptTokens === null ||
    counts.policyCompletionTokens === null ||
    counts.reflectionPromptTokens === null ||
    counts.reflectionCompletionTokens === null
  );
}

export function priceTokens(
  prompt: number | null,
  completion: number | null,
  prices: Prices | null,
): number | null {
  if (prompt === null || completion === null) return null;
  if (!prices || (prices.inputPricePerM === undefined && prices.outputPricePerM === undefined)) return null;
  return (prompt * (prices.inputPricePerM ?? 0) + completion * (prices.outputPricePerM ?? 0)) / 1_000_000;
}

export function summariseUsage(input: {
  total: UsageCounts;
  last: UsageCounts | null;
  stepCount: number;
  /** Default: everything recorded. */
  recorded?: RecordedUsage;
  policyPrices: Prices | null;
  reflectionPrices: Prices | null;
}): UsageSummary {
  const { stepCount } = input;
  const recorded = input.recorded ?? recordedUsage({ imported: false, unrecordedReflectionCalls: 0 });
  const total = show(input.total, recorded);
  const perStep =
    stepCount > 0
      ? (Object.fromEntries(
          USAGE_KEYS.map((k) => [k, total[k] === null ? null : total[k] / stepCount]),
        ) as ShownCounts)
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
    last: input.last && show(input.last, recorded),
    cost: {
      policy,
      reflection,
      // A side without prices costs nothing here; a side whose tokens were not recorded leaves the total unknown.
      total:
        (policy === null && reflection === null) || tokensUnknown(total)
          ? null
          : (policy ?? 0) + (reflection ?? 0),
    },
  };
}

/** 1234567 → "1.23M", 4321 → "4.3k": token counts at a glance; a count not recorded says so. */
export function formatTokens(n: number | null): string {
  if (n === null) return "not recorded";
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.round(n).toLocaleString("en-US");
}

export function formatDollars(value: number | null): string {
  if (value === null) return "—";
  return value < 0.01 && value > 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
