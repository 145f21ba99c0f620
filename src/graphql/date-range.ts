import { badInput } from "../errors.js";

/** Descriptions of the `from`/`to` arguments of an inclusive date-range filter. */
export const FROM_ARG = "First date included ('YYYY-MM-DD', need not be a trading date); null = no lower bound.";
export const TO_ARG =
  "Last date included ('YYYY-MM-DD'); null = no upper bound. Before from: BAD_USER_INPUT (field from).";

export interface DateRange {
  from: string | null;
  to: string | null;
}

/** Validates an optional inclusive date range: from ≤ to when both are given. */
export function dateRange(from: string | null | undefined, to: string | null | undefined): DateRange {
  const range = { from: from ?? null, to: to ?? null };
  if (range.from && range.to && range.from > range.to)
    throw badInput("from must not be after to", [
      { field: "from", message: `${range.from} is after to (${range.to})` },
    ]);
  return range;
}

/** SQL bounds for a range: open ends become ±infinity, which Postgres dates support. */
export function sqlBounds(range: DateRange): [string, string] {
  return [range.from ?? "-infinity", range.to ?? "infinity"];
}

/** The DataLoader key of a per-parent date range. */
export interface RangeKey extends DateRange {
  id: number;
}
export const rangeKeyId = (k: RangeKey) => `${k.id}|${k.from ?? ""}|${k.to ?? ""}`;
