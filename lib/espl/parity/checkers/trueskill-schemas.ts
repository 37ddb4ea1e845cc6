/** Zod schemas and helpers shared by the TrueSkill-family parity checkers. */
import { z } from "zod";
import { createTrueSkillSystem, type TrueSkillSystem } from "../../trueskill/system";

export const ratingSchema = z.object({ mu: z.number(), sigma: z.number() });

export const systemSchema = z.object({
  mu: z.number(),
  sigma: z.number(),
  beta: z.number(),
  tau: z.number(),
  draw_probability: z.number(),
});

export function toSystem(s: z.infer<typeof systemSchema>): TrueSkillSystem {
  return createTrueSkillSystem({
    mu: s.mu,
    sigma: s.sigma,
    beta: s.beta,
    tau: s.tau,
    drawProbability: s.draw_probability,
  });
}

/** Every number in `value` (recursively) is finite: the only check made on `ill_conditioned` cases. */
export function findNonFinite(value: unknown, path = "$"): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path}: ${value} is not finite`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const d = findNonFinite(value[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const d = findNonFinite(v, `${path}.${k}`);
      if (d) return d;
    }
  }
  return null;
}
