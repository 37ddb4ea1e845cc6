/**
 * The error function, accurate to under one ulp. JavaScript has no `Math.erf`, and the reference's
 * `Phi` is `0.5 * (1 + erf(x / sqrt 2))`, which cancels catastrophically for large negative x: its
 * results there depend on erf's last bits, so erf must be as good as the C library's that Python used.
 *
 * Method: the piecewise rational approximations published with Sun's fdlibm (`s_erf.c`, 1993), the
 * same scheme glibc and musl use; the coefficients below are that published data, the code is ours.
 *   |x| < 0.84375         erf(x) = x + x * R(x²)
 *   0.84375 ≤ |x| < 1.25  erf(x) = erx + P(s)/Q(s), s = |x| - 1, erx = 0.84506291151 rounded to 24 bits
 *   1.25 ≤ |x| < 6        erf(x) = 1 - exp(-x² - 0.5625 + R(1/x²)/S(1/x²)) / |x|
 *   |x| ≥ 6               erf(x) = ±1 (the correction is below half an ulp)
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;

// erf on [0, 0.84375): x + x * pp(z)/qq(z), z = x².
const PP0 = 1.28379167095512558561e-1;
const PP1 = -3.2504210724700149937e-1;
const PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3;
const PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1;
const QQ2 = 6.50222499887672944485e-2;
const QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4;
const QQ5 = -3.9602282787753681232e-6;

// erf on [0.84375, 1.25): erx + pa(s)/qa(s), s = |x| - 1.
const PA0 = -2.36211856075265944077e-3;
const PA1 = 4.14856118683748331666e-1;
const PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1;
const PA4 = -1.10894694282396677476e-1;
const PA5 = 3.54783043256182359371e-2;
const PA6 = -2.166375594868790843e-3;
const QA1 = 1.06420880400844228286e-1;
const QA2 = 5.40397917702171048937e-1;
const QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1;
const QA5 = 1.36370839120290507362e-2;
const QA6 = 1.1984499846799107417e-2;

// erfc on [1.25, ~1/0.35): ra(s)/sa(s), s = 1/x².
const RA0 = -9.86494403484714822705e-3;
const RA1 = -6.93858572707181764372e-1;
const RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1;
const RA4 = -1.62396669462573470355e2;
const RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1;
const RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1;
const SA2 = 1.376577541435190426e2;
const SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2;
const SA5 = 4.29008140027567833386e2;
const SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135;
const SA8 = -6.04244152148580987438e-2;

// erfc on [~1/0.35, 6): rb(s)/sb(s), s = 1/x².
const RB0 = -9.86494292470009928597e-3;
const RB1 = -7.99283237680523006574e-1;
const RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2;
const RB4 = -6.37566443368389627722e2;
const RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1;
const SB2 = 3.25792512996573918826e2;
const SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3;
const SB5 = 2.55305040643316442583e3;
const SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;

/**
 * fdlibm switches between the two tail fits by comparing the high 32 bits of |x| with 0x4006DB6D,
 * i.e. at the double whose high word is that and whose low word is 0 — slightly below 1/0.35.
 */
const TAIL_SPLIT = 2.8571414947509765625;
const TINY_X = 2 ** -28;

/**
 * |x| with the low 32 bits of its representation cleared, i.e. truncated to 21 significant bits (valid
 * for 1 ≤ ax < 8, the only range it is used in): its square is exact, which is what lets the tail
 * formula split exp(-x²) into exp(-z²) · exp((z-x)(z+x)) without losing the low bits of x². Scaling by
 * powers of two and flooring are exact, so this equals fdlibm's bit masking.
 */
function truncateLowWord(ax: number): number {
  const scale = ax < 2 ? 1048576 : ax < 4 ? 524288 : 262144;
  return Math.floor(ax * scale) / scale;
}

/** erfc(ax) · ax for 1.25 ≤ ax < 6, from fdlibm's two tail fits in 1/ax². */
function scaledErfcTail(ax: number): number {
  const s = 1 / (ax * ax);
  let r: number;
  let q: number;
  if (ax < TAIL_SPLIT) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  const z = truncateLowWord(ax);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q);
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{-t²} dt, within one ulp of the exact value. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < TINY_X) return x + EFX * x;
    const z = x * x;
    const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    const q = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    return x + x * (r / q);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return x >= 0 ? ERX + p / q : -ERX - p / q;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;
  const tail = scaledErfcTail(ax) / ax;
  return x > 0 ? 1 - tail : tail - 1;
}
