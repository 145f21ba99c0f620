import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { parentDailySeriesCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { CONVENTIONS, MetricConventions } from "./metric-conventions.type.js";
import { MetricSetFields } from "./metric-set.fields.js";
import { PublicData } from "../graphql/cache-scope.js";

/** Why a comparison is unavailable. */
export const BenchmarkUnavailableReason = {
  NO_BENCHMARK: "NO_BENCHMARK",
  NO_CLOSES_IN_WINDOW: "NO_CLOSES_IN_WINDOW",
} as const;
export type BenchmarkUnavailableReason = (typeof BenchmarkUnavailableReason)[keyof typeof BenchmarkUnavailableReason];

registerEnumType(BenchmarkUnavailableReason, {
  name: "BenchmarkUnavailableReason",
  description: "Why benchmarkComparison has no benchmark side.",
  valuesConfig: {
    NO_BENCHMARK: {
      description: "The configuration the index was computed with names no benchmark (StrategyConfig.benchmarkSymbol).",
    },
    NO_CLOSES_IN_WINDOW: {
      description:
        "The benchmark has no usable close from the window's start to its end (or its symbol names no asset): " +
        "load its prices and recompute, or choose another window.",
    },
  },
});

@PublicData()
@ObjectType({ simpleResolvers: true, description: "The §6 metric set of one series over a window." })
export class SeriesMetrics extends MetricSetFields {}

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description: "Index and benchmark on one trading date, both rebased to 100 at the common start.",
})
export class ComparisonPoint {
  @Field(() => DateScalar, { description: "A trading date of the index from startDate to endDate." }) date!: string;
  @Field(() => Float, { description: "100 · V_t / V_start." }) index!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "100 · B_t / B_start, B_t being the benchmark's last known (cleaned) close on this date (carried across " +
      "dates where it has none; see benchmarkMissingDates). Null only when the benchmark has no close in the " +
      "window.",
  })
  benchmark!: number | null;
}

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description:
    "Active (index minus benchmark) metrics over the paired daily returns (dates where both have one); each " +
    "null when undefined (fewer than 2 pairs, zero variance).",
})
export class ActiveMetrics {
  @Field(() => Float, { nullable: true, description: "Index total return − benchmark total return (decimal)." })
  excessReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "std(r − b, ddof 1)·√252 (decimal)." }) trackingError!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "mean(r − b)·252 / trackingError (pure number)." })
  informationRatio!: number | null;
  @Field(() => Float, { nullable: true, description: "cov(r, b)/var(b), ddof 1 in both (pure number)." }) beta!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "Pearson correlation of r and b, in [−1, 1]." }) correlation!:
    | number
    | null;
  @Field(() => Int, { description: "Dates with both an index and a benchmark return." }) pairedObservations!: number;
}

@PublicData()
@ObjectType({ description: "The index against its benchmark over a window (DOMAIN §6)." })
export class BenchmarkComparison {
  @Field(() => String, {
    nullable: true,
    description: "The configured benchmark symbol; null when none is configured.",
  })
  benchmarkSymbol!: string | null;
  @Field(() => Boolean, {
    description:
      "False when the benchmark has no close in the window (or none is configured): benchmark metrics are " +
      "then null and reason says why.",
  })
  available!: boolean;
  @Field(() => BenchmarkUnavailableReason, {
    nullable: true,
    description: "Why the comparison is unavailable; null when available.",
  })
  reason!: BenchmarkUnavailableReason | null;
  @Field(() => DateScalar, {
    description:
      "Common start: the first trading date of the window where both have a level (the window start when " +
      "unavailable).",
  })
  startDate!: string;
  @Field(() => DateScalar, { description: "The last trading date of the window." }) endDate!: string;
  @Field(() => Int, { description: "Dates from startDate to endDate on which the benchmark has no close." })
  benchmarkMissingDates!: number;
  @Field(() => [ComparisonPoint], {
    description: "Both series by date, rebased to 100 at startDate.",
    complexity: parentDailySeriesCost,
  })
  series!: ComparisonPoint[];
  @Field(() => SeriesMetrics, { description: "The index's metrics from startDate to endDate (metricsFromLevels)." })
  index!: SeriesMetrics;
  @Field(() => SeriesMetrics, {
    nullable: true,
    description:
      "The benchmark's own metrics: metricsFromLevels over its series (its last known close on each date), so " +
      "totalReturn is the series' last/first − 1 and a gap's move counts on the date the benchmark trades " +
      "again. Null when unavailable.",
  })
  benchmark!: SeriesMetrics | null;
  @Field(() => ActiveMetrics, {
    nullable: true,
    description: "Index against benchmark over their paired daily returns; null when unavailable.",
  })
  active!: ActiveMetrics | null;
  @Field(() => MetricConventions, { description: CONVENTIONS }) conventions!: MetricConventions;
}
