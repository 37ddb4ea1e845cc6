/**
 * The engine's seeded randomness: xoshiro128** (Blackman & Vigna) on 32-bit integers, seeded through
 * splitmix32. Its whole state is four uint32 words, exported as JSON so a resumed run continues the
 * exact stream it stopped in. Python's Mersenne Twister (the reference's `random`) and numpy's
 * generator are not reproduced: the reference never seeds them (SPEC §13 item 16), so there is no
 * stream to match; parity tests replay recorded draws through `ScriptedRng` instead.
 */
import { z } from "zod";
import type { Rng } from "./types";

export const RNG_ALGORITHM = "xoshiro128**";

export const rngStateSchema = z.strictObject({
  algorithm: z.literal(RNG_ALGORITHM),
  words: z
    .tuple([z.int(), z.int(), z.int(), z.int()])
    .refine((w) => w.every((x) => x >= 0 && x <= 0xffffffff), "words must be uint32")
    .refine((w) => w.some((x) => x !== 0), "an all-zero state would only ever produce zeros"),
});

export type RngState = z.infer<typeof rngStateSchema>;

const TWO_POW_32 = 0x100000000;
const TWO_POW_53 = 9007199254740992;

function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** One splitmix32 step: returns the next mixer state and a well-mixed output word. */
function stepSplitMix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Expands a seed (any safe non-negative integer) into a non-zero xoshiro state. */
function expandSeed(seed: number): [number, number, number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a safe non-negative integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  let lowState = low;
  // Mixing the high half through a different starting point keeps seeds that differ only above bit 32 apart.
  let highState = (high ^ 0x6a09e667) >>> 0;
  for (let i = 0; i < 4; i++) {
    let lowWord: number;
    let highWord: number;
    [lowState, lowWord] = stepSplitMix32(lowState);
    [highState, highWord] = stepSplitMix32(highState);
    words[i] = (lowWord ^ (high === 0 ? 0 : highWord)) >>> 0;
  }
  if (words.every((w) => w === 0)) words[0] = 1;
  return words;
}

export class SeededRng implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(words: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = words;
  }

  static fromSeed(seed: number): SeededRng {
    return new SeededRng(expandSeed(seed));
  }

  /** Restores a state exported by `getState()`; throws a zod error on a malformed state. */
  static fromState(state: unknown): SeededRng {
    return new SeededRng(rngStateSchema.parse(state).words);
  }

  getState(): RngState {
    return { algorithm: RNG_ALGORITHM, words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0] };
  }

  /** Next raw uint32 of the stream. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** 53 random bits, like CPython's random() (27 high bits of one word, 26 of the next). */
  random(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** Unbiased integer in [0, n). Rejection sampling below 2^32; beyond that the float draw's bias is < 2^-20. */
  randomBelow(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1)
      throw new RangeError(`randomBelow needs a positive integer, got ${n}`);
    if (n > TWO_POW_32) return Math.floor(this.random() * n);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  sample<T>(population: readonly T[], k: number): T[] {
    checkCount(k, population.length, "sample");
    // Partial Fisher-Yates on a copy: the first k slots end up a uniform random k-subset in draw order.
    const pool = population.slice();
    for (let i = 0; i < k; i++) {
      const j = i + this.randomBelow(pool.length - i);
      const picked = pool[j] as T;
      pool[j] = pool[i] as T;
      pool[i] = picked;
    }
    return pool.slice(0, k);
  }

  choices<T>(population: readonly T[], k: number): T[] {
    if (!Number.isSafeInteger(k) || k < 0)
      throw new RangeError(`choices: k must be a non-negative integer, got ${k}`);
    if (k > 0 && population.length === 0)
      throw new RangeError("choices: cannot choose from an empty population");
    const out: T[] = [];
    for (let i = 0; i < k; i++) out.push(population[this.randomBelow(population.length)] as T);
    return out;
  }

  choice<T>(population: readonly T[]): T {
    if (population.length === 0) throw new RangeError("choice: cannot choose from an empty population");
    return population[this.randomBelow(population.length)] as T;
  }

  weightedIndicesWithoutReplacement(p: readonly number[], count: number): number[] {
    checkWeights(p, count);
    const weights = p.slice();
    const out: number[] = [];
    for (let draw = 0; draw < count; draw++) {
      let total = 0;
      for (const w of weights) total += w;
      const target = this.random() * total;
      let acc = 0;
      let picked = -1;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i] as number;
        if (w <= 0) continue;
        picked = i;
        acc += w;
        if (target < acc) break;
      }
      // `picked` is the last positive weight if rounding left `target` past the final cumulative sum.
      out.push(picked);
      weights[picked] = 0;
    }
    return out;
  }
}

export function createRng(seed: number): SeededRng {
  return SeededRng.fromSeed(seed);
}

function checkCount(k: number, size: number, fn: string): void {
  if (!Number.isSafeInteger(k) || k < 0)
    throw new RangeError(`${fn}: k must be a non-negative integer, got ${k}`);
  if (k > size) throw new RangeError(`${fn}: sample of ${k} is larger than the population of ${size}`);
}

/** numpy's rules for choice(replace=False, p=…): finite non-negative weights, enough non-zero entries. */
function checkWeights(p: readonly number[], count: number): void {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`weighted draw: count must be a non-negative integer, got ${count}`);
  if (p.some((w) => !Number.isFinite(w) || w < 0))
    throw new RangeError("weighted draw: probabilities must be finite and non-negative");
  const nonZero = p.filter((w) => w > 0).length;
  if (count > nonZero)
    throw new RangeError(`weighted draw: only ${nonZero} non-zero probabilities for ${count} draws`);
}

/** One recorded draw for `ScriptedRng`; indices are positions in the population (or in `p`) passed. */
export type ScriptedDraw =
  | { fn: "random"; value: number }
  | { fn: "sample"; indices: readonly number[] }
  | { fn: "choices"; indices: readonly number[] }
  | { fn: "choice"; index: number }
  | { fn: "weighted"; indices: readonly number[] };

/** What the code under test asked for, so a test can check it passed the population it should have. */
export interface ScriptedCallRecord {
  fn: ScriptedDraw["fn"];
  population?: readonly unknown[];
  k?: number;
  p?: readonly number[];
}

/**
 * Replays a fixed script of draws, in order, and logs every call. Used by parity checkers (the vectors
 * record the reference's draws) and by tests that need a particular outcome. Any call that does not
 * match the next scripted draw throws, so a test cannot silently drift from the recorded sequence.
 */
export class ScriptedRng implements Rng {
  readonly calls: ScriptedCallRecord[] = [];
  private next = 0;

  constructor(private readonly script: readonly ScriptedDraw[]) {}

  /** Draws not consumed yet; a finished replay should leave none. */
  get remaining(): number {
    return this.script.length - this.next;
  }

  private take<F extends ScriptedDraw["fn"]>(fn: F): Extract<ScriptedDraw, { fn: F }> {
    const draw = this.script[this.next];
    const callNumber = this.calls.length;
    if (!draw) throw new Error(`ScriptedRng: call #${callNumber} (${fn}) is past the end of the script`);
    if (draw.fn !== fn)
      throw new Error(`ScriptedRng: call #${callNumber} is ${fn}, the script has ${draw.fn}`);
    this.next++;
    return draw as Extract<ScriptedDraw, { fn: F }>;
  }

  random(): number {
    this.calls.push({ fn: "random" });
    const { value } = this.take("random");
    if (!(value >= 0 && value < 1))
      throw new RangeError(`ScriptedRng: random value ${value} is outside [0, 1)`);
    return value;
  }

  sample<T>(population: readonly T[], k: number): T[] {
    this.calls.push({ fn: "sample", population, k });
    const { indices } = this.take("sample");
    checkCount(k, population.length, "sample");
    if (indices.length !== k)
      throw new Error(`ScriptedRng: sample of ${k} scripted with ${indices.length} indices`);
    checkDistinctIndices(indices, population.length, "sample");
    return indices.map((i) => population[i] as T);
  }

  choices<T>(population: readonly T[], k: number): T[] {
    this.calls.push({ fn: "choices", population, k });
    const { indices } = this.take("choices");
    if (indices.length !== k)
      throw new Error(`ScriptedRng: choices of ${k} scripted with ${indices.length} indices`);
    for (const i of indices) checkIndex(i, population.length, "choices");
    return indices.map((i) => population[i] as T);
  }

  choice<T>(population: readonly T[]): T {
    this.calls.push({ fn: "choice", population, k: 1 });
    const { index } = this.take("choice");
    checkIndex(index, population.length, "choice");
    return population[index] as T;
  }

  weightedIndicesWithoutReplacement(p: readonly number[], count: number): number[] {
    this.calls.push({ fn: "weighted", p, k: count });
    const { indices } = this.take("weighted");
    checkWeights(p, count);
    if (indices.length !== count)
      throw new Error(`ScriptedRng: weighted draw of ${count} scripted with ${indices.length} indices`);
    checkDistinctIndices(indices, p.length, "weighted");
    return indices.slice();
  }
}

function checkIndex(i: number, size: number, fn: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= size)
    throw new RangeError(`ScriptedRng: ${fn} index ${i} is outside a population of ${size}`);
}

function checkDistinctIndices(indices: readonly number[], size: number, fn: string): void {
  for (const i of indices) checkIndex(i, size, fn);
  if (new Set(indices).size !== indices.length)
    throw new Error(`ScriptedRng: ${fn} indices repeat: ${indices.join(",")}`);
}
