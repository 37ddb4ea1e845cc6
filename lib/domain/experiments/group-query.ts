/** The query of a group read (route, CLI, page): how to group the runs and which curves to draw. */
import { z } from "zod";
import { esplConfigSchema } from "@/lib/espl/config";
import { GROUP_FORMATS } from "./group-format";

const CONFIG_KEYS = new Set(Object.keys(esplConfigSchema.shape));

export const groupBySchema = z
  .string()
  .trim()
  .default("settings")
  .refine((by) => by === "experiment" || by === "settings" || (CONFIG_KEYS.has(by) && by !== "seed"), {
    message: 'group by "experiment", "settings" (the keys that differ between runs) or a config key',
  });

/** "testing/Pass@1,rollout/Agg_avg_reward": the curves' metric keys (default: every test Pass@k). */
const curveKeysSchema = z
  .string()
  .max(2_000)
  .transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((k) => k.trim())
        .filter((k) => k !== ""),
    ),
  ])
  .refine((keys) => keys.length <= 12, { message: "at most 12 curve keys" });

export const experimentGroupQuerySchema = z.object({
  by: groupBySchema,
  keys: curveKeysSchema.optional(),
  /** "1": each run's own line too (thinned), for faint seeds behind the mean. */
  lines: z
    .enum(["0", "1"])
    .optional()
    .transform((v) => v === "1"),
});
export type ExperimentGroupQuery = z.output<typeof experimentGroupQuerySchema>;

export const experimentExportQuerySchema = experimentGroupQuerySchema.extend({
  format: z.enum(GROUP_FORMATS.filter((f) => f !== "json") as ["csv", "md", "tex"]),
});
