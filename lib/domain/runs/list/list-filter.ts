/**
 * A column filter of the runs list as one URL value, `<column>|<op>|<value>` ("config:crossover_prob|eq|0.5",
 * "final:testing/Pass@1|gte|0.4"), repeated as `where=` once per filter. Comparisons need a number;
 * equality takes a number, true/false or text, matched against the stored JSON value.
 */
import { z } from "zod";
import { isFilterableColumn, parseColumnToken } from "./list-columns";

export const FILTER_OPS = ["eq", "ne", "gt", "gte", "lt", "lte"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  eq: "=",
  ne: "≠",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
};

export const MAX_FILTERS = 8;

/** `value` is what the user typed; `json` is it as the JSON value equality compares with. */
export interface ColumnFilter {
  column: string;
  op: FilterOp;
  value: string;
  json: number | boolean | string;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function toJsonValue(value: string): number | boolean | string {
  if (NUMBER.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

export function parseColumnFilter(text: string): ColumnFilter | null {
  const [column, op, ...rest] = text.split("|");
  const value = rest.join("|").trim();
  if (!column || !isFilterableColumn(column) || !(FILTER_OPS as readonly string[]).includes(op ?? ""))
    return null;
  if (value === "" || value.length > 200) return null;
  const json = toJsonValue(value);
  const numericOnly = op !== "eq" && op !== "ne";
  // Metrics are numbers: "≥ high" or "= true" on one could never match, so it is no filter at all.
  const metric = parseColumnToken(column)?.kind !== "config";
  if ((numericOnly || metric) && typeof json !== "number") return null;
  return { column, op: op as FilterOp, value, json };
}

export function writeColumnFilter(filter: Pick<ColumnFilter, "column" | "op" | "value">): string {
  return `${filter.column}|${filter.op}|${filter.value}`;
}

/** One or many `where` values (a repeated URL key arrives as an array); malformed ones are dropped. */
export const columnFiltersSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => {
    const texts = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return texts
      .map(parseColumnFilter)
      .filter((f): f is ColumnFilter => f !== null)
      .slice(0, MAX_FILTERS);
  })
  .catch([]);
