/**
 * Standard-normal helpers and the truncated-Gaussian correction functions of TrueSkill (SPEC §6.2).
 * Every formula is evaluated the way the reference does, including its numerically weak spots, so the
 * results agree with it to ~1e-9 (see the `ill_conditioned` note in the vectors README).
 */
import { erf } from "./erf";

/** Guard used by every division and threshold in the reference's TrueSkill code. */
export const EPSILON = 1e-15;

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp((-x * x) / 2) / SQRT_2PI;
}

/**
 * Standard normal CDF Φ(x), computed as 0.5·(1 + erf(x/√2)) like the reference. For x ≲ −5 this
 * cancels catastrophically (erfc would be exact); we keep the reference's form so ratings match.
 */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

// Peter Acklam's coefficients for the inverse normal CDF (relative error ≈ 1.15e-9).
const A0 = -3.969683028665376e1;
const A1 = 2.209460984245205e2;
const A2 = -2.759285104469687e2;
const A3 = 1.38357751867269e2;
const A4 = -3.066479806614716e1;
const A5 = 2.506628277459239;
const B0 = -5.447609879822406e1;
const B1 = 1.615858368580409e2;
const B2 = -1.556989798598866e2;
const B3 = 6.680131188771972e1;
const B4 = -1.328068155288572e1;
const C0 = -7.784894002430293e-3;
const C1 = -3.223964580411365e-1;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 7.784695709041462e-3;
const D1 = 3.224671290700398e-1;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const P_LOW = 0.02425;
const P_HIGH = 1 - P_LOW;

function tailNumerator(q: number): number {
  return ((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5;
}

function tailDenominator(q: number): number {
  return (((D0 * q + D1) * q + D2) * q + D3) * q + 1;
}

/**
 * Approximate inverse of Φ: Acklam's rational approximation **without** the Newton/Halley refinement
 * step (the reference omits it, so the draw margin depends on the raw approximation). Clamps to ∓10
 * outside (0, 1).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -10;
  if (p >= 1) return 10;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return tailNumerator(q) / tailDenominator(q);
  }
  if (p <= P_HIGH) {
    const q = p - 0.5;
    const r = q * q;
    const num = ((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5;
    const den = ((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1;
    return (num * q) / den;
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -tailNumerator(q) / tailDenominator(q);
}

/** Mean correction for a win: φ(t−ε)/Φ(t−ε), or ε−t when Φ(t−ε) underflows below EPSILON. */
export function vWin(t: number, e: number): number {
  const x = t - e;
  const denom = normalCdf(x);
  if (denom < EPSILON) return -t + e;
  return normalPdf(x) / denom;
}

/** Variance correction for a win: v·(v + t − ε), clamped to [0, 1 − EPSILON]. */
export function wWin(t: number, e: number): number {
  const v = vWin(t, e);
  const w = v * (v + t - e);
  return Math.min(Math.max(w, 0), 1 - EPSILON);
}

/** Mean correction for a draw; 0 when the margin or the draw mass is below EPSILON. */
export function vDraw(t: number, e: number): number {
  if (e < EPSILON) return 0;
  const a = e - t;
  const b = -e - t;
  const denom = normalCdf(a) - normalCdf(b);
  if (denom < EPSILON) return 0;
  return (normalPdf(b) - normalPdf(a)) / denom;
}

/** Variance correction for a draw (same guards as `vDraw`; deliberately not clamped, like the reference). */
export function wDraw(t: number, e: number): number {
  if (e < EPSILON) return 0;
  const a = e - t;
  const b = -e - t;
  const denom = normalCdf(a) - normalCdf(b);
  if (denom < EPSILON) return 0;
  const pdfA = normalPdf(a);
  const pdfB = normalPdf(b);
  const v = (pdfB - pdfA) / denom;
  return v * v + (a * pdfA - b * pdfB) / denom;
}

/** v and w of one factor; `correctFactor` returns this shared object (read it before the next call). */
export interface FactorCorrection {
  v: number;
  w: number;
}

const sharedCorrection: FactorCorrection = { v: 0, w: 0 };

/**
 * v and w for a win (`draw` false, the first player won) or a draw, with one evaluation of Φ/φ instead
 * of the two that separate `vWin`/`wWin` calls cost. Same numbers as the separate functions. The result
 * object is reused between calls so the rating hot loops allocate nothing.
 */
export function correctFactor(t: number, e: number, draw: boolean): FactorCorrection {
  const out = sharedCorrection;
  if (!draw) {
    const x = t - e;
    const denom = normalCdf(x);
    const v = denom < EPSILON ? -t + e : normalPdf(x) / denom;
    out.v = v;
    out.w = Math.min(Math.max(v * (v + t - e), 0), 1 - EPSILON);
    return out;
  }
  if (e < EPSILON) {
    out.v = 0;
    out.w = 0;
    return out;
  }
  const a = e - t;
  const b = -e - t;
  const denom = normalCdf(a) - normalCdf(b);
  if (denom < EPSILON) {
    out.v = 0;
    out.w = 0;
    return out;
  }
  const pdfA = normalPdf(a);
  const pdfB = normalPdf(b);
  const v = (pdfB - pdfA) / denom;
  out.v = v;
  out.w = v * v + (a * pdfA - b * pdfB) / denom;
  return out;
}
