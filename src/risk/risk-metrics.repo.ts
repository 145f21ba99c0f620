import type { Kysely } from "kysely";
import type { Database, Row } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import { columnOf, STORED_METRIC_NAMES } from "./metric-definitions.js";
import type { RiskMetrics } from "./risk-metrics.type.js";

/** A stored row as RiskMetrics: each metric read from its column (metric-definitions.ts). */
export function toRiskMetrics(r: Row<"risk_metrics">): RiskMetrics {
  const metrics: Record<string, unknown> = { date: r.date };
  for (const name of STORED_METRIC_NAMES) metrics[name] = r[columnOf(name)];
  return metrics as unknown as RiskMetrics;
}

/** Stored rows between from and to; with neither, the latest row only. */
export async function findRiskMetrics(db: Kysely<Database>, range: DateRange): Promise<RiskMetrics[]> {
  let q = db.selectFrom("risk_metrics").selectAll();
  if (!range.from && !range.to) {
    const latest = await q.orderBy("date", "desc").limit(1).execute();
    return latest.map(toRiskMetrics);
  }
  if (range.from) q = q.where("date", ">=", range.from);
  if (range.to) q = q.where("date", "<=", range.to);
  const rows = await q.orderBy("date").execute();
  return rows.map(toRiskMetrics);
}
