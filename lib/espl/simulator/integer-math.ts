/**
 * Exact integer helpers for the generated problems. Parameters are kept small enough that every
 * intermediate value stays far below 2^53, so plain numbers are exact.
 */

export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

export function lcmOf(values: readonly number[]): number {
  return values.reduce((acc, v) => lcm(acc, v), 1);
}

/** C(n, k) by the multiplicative formula; each partial product is itself a binomial, so it divides exactly. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const r = Math.min(k, n - k);
  let result = 1;
  for (let i = 1; i <= r; i++) result = (result * (n - r + i)) / i;
  return result;
}

/** Remainders of base^1, base^2, … modulo m up to the first repeat: the pre-period and the cycle. */
export function powerCycle(base: number, modulus: number): { sequence: number[]; cycleStart: number } {
  const seen = new Map<number, number>();
  const sequence: number[] = [];
  let value = base % modulus;
  while (!seen.has(value)) {
    seen.set(value, sequence.length);
    sequence.push(value);
    value = (value * (base % modulus)) % modulus;
  }
  return { sequence, cycleStart: seen.get(value)! };
}

/** base^exponent mod m for exponent ≥ 1, read off the cycle (also the position the solution text cites). */
export function cyclePosition(base: number, exponent: number, modulus: number): number {
  const { sequence, cycleStart } = powerCycle(base, modulus);
  const index = exponent - 1;
  if (index < sequence.length) return index;
  const period = sequence.length - cycleStart;
  return cycleStart + ((index - cycleStart) % period);
}

export function powMod(base: number, exponent: number, modulus: number): number {
  if (exponent === 0) return 1 % modulus;
  const { sequence } = powerCycle(base, modulus);
  return sequence[cyclePosition(base, exponent, modulus)]!;
}

export function formatSigned(value: number): string {
  return value < 0 ? `(${value})` : String(value);
}
