/**
 * Keyed random streams. Every simulated draw comes from a fresh `SeededRng` whose seed is a hash of what
 * the draw is about (run seed, weights version, problem, prompt, sample index…), never from a shared
 * stream, so results do not depend on the order or concurrency in which callers ask for them.
 */
import { SeededRng } from "../rng";

const TWO_POW_32 = 0x100000000;

/** FNV-1a over UTF-16 code units: cheap and stable, good enough to key streams (not a security hash). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: spreads every input bit over the whole word. */
function mixWord(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Folds integer key parts (any safe integers, hashes included) into a 53-bit seed. Two running words
 * are kept so that keys differing in one part still differ in the final seed with near certainty.
 */
export function deriveSeed(parts: readonly number[]): number {
  let low = 0x243f6a88;
  let high = 0x85a308d3;
  for (const part of parts) {
    if (!Number.isSafeInteger(part))
      throw new RangeError(`stream key parts must be safe integers, got ${part}`);
    low = mixWord((low ^ (part >>> 0)) + 0x9e3779b9);
    low = mixWord((low ^ (Math.floor(part / TWO_POW_32) >>> 0)) + 0x7f4a7c15);
    high = mixWord((high ^ low) + 0x6a09e667);
  }
  return (high & 0x1fffff) * TWO_POW_32 + low;
}

export function createStreamRng(parts: readonly number[]): SeededRng {
  return SeededRng.fromSeed(deriveSeed(parts));
}

/** Uniform integer in [low, high], both inclusive. */
export function randomInt(rng: { random(): number }, low: number, high: number): number {
  return low + Math.floor(rng.random() * (high - low + 1));
}

/** One element, uniformly; the list must not be empty. */
export function pickOne<T>(rng: { random(): number }, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("pickOne needs a non-empty list");
  return items[Math.floor(rng.random() * items.length)] as T;
}

/** A Fisher-Yates shuffled copy. */
export function shuffle<T>(rng: { random(): number }, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
