import { registerEnumType } from "type-graphql";
import type { MetricWindow as MetricWindowName } from "../analytics/metrics/types.js";

/** The named on-demand windows of DOMAIN §6; values equal the analytics' MetricWindow names. */
export const MetricWindow = {
  ONE_MONTH: "ONE_MONTH",
  THREE_MONTHS: "THREE_MONTHS",
  YTD: "YTD",
  ONE_YEAR: "ONE_YEAR",
  THREE_YEARS: "THREE_YEARS",
  ALL: "ALL",
} as const satisfies Record<MetricWindowName, MetricWindowName>;

registerEnumType(MetricWindow, {
  name: "MetricWindow",
  description: "An on-demand window ending at the requested end (DOMAIN §6).",
  valuesConfig: {
    ONE_MONTH: { description: "One calendar month before the requested end (day clamped to the month's end)." },
    THREE_MONTHS: { description: "Three calendar months before the requested end." },
    YTD: { description: "From the last trading date of the previous calendar year." },
    ONE_YEAR: { description: "Twelve calendar months before the requested end." },
    THREE_YEARS: { description: "Thirty-six calendar months before the requested end." },
    ALL: { description: "From inception." },
  },
});
