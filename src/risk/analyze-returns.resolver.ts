import { Arg, Float, Int, Query, Resolver } from "type-graphql";
import { analyzeReturnsCost } from "../graphql/complexity.js";
import { analyzeReturns, MAX_ANALYZE_RETURNS } from "./analyze-returns.js";
import { ReturnAnalysis } from "./analyze-returns.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => ReturnAnalysis)
export class AnalyzeReturnsResolver {
  @PublicData()
  @Query(() => ReturnAnalysis, {
    complexity: analyzeReturnsCost, // by the length of the series: each alias analyses it again
    description:
      "Metrics of a caller-supplied return series (public; no database). Same functions and conventions as the index's metrics.",
  })
  analyzeReturns(
    @Arg("returns", () => [Float], {
      nullable: "items",
      description: `Per-period simple returns as decimals (0.01 = 1 %), each ≥ −1; null = a missing observation. At most ${MAX_ANALYZE_RETURNS}.`,
    })
    returns: (number | null)[],
    @Arg("benchmarkReturns", () => [Float], {
      nullable: "itemsAndList",
      description: "Benchmark returns paired by position with returns (same length); null entries are missing.",
    })
    benchmarkReturns?: (number | null)[] | null,
    @Arg("periodsPerYear", () => Int, {
      defaultValue: 252,
      description: "A: periods per year (252 daily, 52 weekly, 12 monthly), 1..10000.",
    })
    periodsPerYear: number = 252,
    @Arg("riskFreeRate", () => Float, {
      defaultValue: 0,
      description: "ANNUAL risk-free rate (decimal); per period rf = riskFreeRate / periodsPerYear.",
    })
    riskFreeRate: number = 0,
  ): ReturnAnalysis {
    return analyzeReturns({ returns, benchmarkReturns: benchmarkReturns ?? null, periodsPerYear, riskFreeRate });
  }
}
