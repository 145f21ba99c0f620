import type { NonEmptyArray } from "type-graphql";
import { AllocationResolver } from "../allocations/allocation.resolver.js";
import { AssetResolver } from "../assets/asset.resolver.js";
import { AssetAdminResolver } from "../assets/asset-admin.resolver.js";
import { AuthResolver } from "../auth/auth.resolver.js";
import { MeResolver } from "../auth/me.resolver.js";
import { RecomputeResolver } from "../index/recompute.resolver.js";
import { IndexValueResolver } from "../index/index-value.resolver.js";
import { IngestResolver } from "../ingest/ingest.resolver.js";
import { RiskMetricsResolver } from "../risk/risk-metrics.resolver.js";
import { AnalyzeReturnsResolver } from "../risk/analyze-returns.resolver.js";
import { BenchmarkComparisonResolver } from "../risk/benchmark-comparison.resolver.js";
import { DataQualityResolver } from "../data-quality/data-quality.resolver.js";
import { HoldingPositionResolver, HoldingsResolver } from "../index/holdings.resolver.js";
import { IndexEventResolver } from "../index/index-event.resolver.js";
import { RebalanceResolver } from "../index/rebalance.resolver.js";
import { SimulationResolver } from "../risk/simulation.resolver.js";
import { WindowRiskMetricsResolver } from "../risk/window-metrics.resolver.js";
import { StrategyResolver } from "../strategy/strategy.resolver.js";
import { StrategyAdminResolver } from "../strategy/strategy-admin.resolver.js";
import { LiveResolver } from "../live/live.resolver.js";
import { StrategyHistoryResolver } from "../strategy/strategy-history.resolver.js";

/** Every resolver class of the API. Add new ones here. */
// biome-ignore lint/complexity/noBannedTypes: buildSchema takes resolver classes as NonEmptyArray<Function>
export const resolvers: NonEmptyArray<Function> = [
  AssetResolver,
  AllocationResolver,
  IndexValueResolver,
  RiskMetricsResolver,
  WindowRiskMetricsResolver,
  AnalyzeReturnsResolver,
  BenchmarkComparisonResolver,
  SimulationResolver,
  HoldingsResolver,
  HoldingPositionResolver,
  IndexEventResolver,
  RebalanceResolver,
  DataQualityResolver,
  StrategyResolver,
  MeResolver,
  RecomputeResolver,
  IngestResolver,
  AuthResolver,
  StrategyAdminResolver,
  StrategyHistoryResolver,
  AssetAdminResolver,
  LiveResolver,
];
