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
      "Metrics of a caller-supplied return series (public; no database). Same functions and conventions as " +
      "the index's metrics (docs/analysis.md). BAD_USER_INPUT naming each invalid argument (row = the first bad " +
      "entry's 0-based index).",
  })
  analyzeReturns(
    @Arg("returns", () => [Float], {
      nullable: "items",
      description:
        "Per-period simple returns as decimals (0.01 = 1 %), each finite and ≥ −1; null = a missing " +
        `observation. At most ${MAX_ANALYZE_RETURNS} entries.`,
    })
    returns: (number | null)[],
    @Arg("benchmarkReturns", () => [Float], {
      nullable: "itemsAndList",
      description:
        "Benchmark returns paired by position with returns (same length, same rules); null entries are " +
        "missing; null = no benchmark (the paired metrics are then null).",
    })
    benchmarkReturns?: (number | null)[] | null,
    @Arg("periodsPerYear", () => Int, {
      defaultValue: 252,
      description: "A: periods per year (252 daily, 52 weekly, 12 monthly), 1..10000.",
    })
    periodsPerYear: number = 252,
    @Arg("riskFreeRate", () => Float, {
      defaultValue: 0,
      description: "ANNUAL risk-free rate (decimal, finite); per period rf = riskFreeRate / periodsPerYear.",
    })
    riskFreeRate: number = 0,
  ): ReturnAnalysis {
    return analyzeReturns({ returns, benchmarkReturns: benchmarkReturns ?? null, periodsPerYear, riskFreeRate });
  }
}
