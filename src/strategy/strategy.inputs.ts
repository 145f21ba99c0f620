import { Field, Float, InputType, Int } from "type-graphql";
import { badInput } from "../errors.js";
import { STRATEGY_PARAM_NAMES, type StrategyParams } from "./strategy-params.js";

export const REASON_MAX_LENGTH = 500;

/**
 * A partial change of the strategy parameters. Every field is optional: omitted or null keeps
 * the stored value. The two nullable parameters are cleared explicitly: `clearMaxAssetWeight:
 * true` removes the cap, `clearBenchmarkSymbol: true` removes the benchmark. The merged
 * configuration is validated as a whole (DOMAIN.md §1).
 */
@InputType({
  description:
    "Strategy parameters to change; omitted or null = keep the stored value. Validated after merging (DOMAIN §1).",
})
export class StrategyConfigInput {
  @Field(() => Float, { nullable: true }) momentumWeight?: number | null;
  @Field(() => Float, { nullable: true }) marketCapWeight?: number | null;
  @Field(() => Float, { nullable: true }) riskParityWeight?: number | null;
  @Field(() => Float, { nullable: true }) dailyDropThreshold?: number | null;
  @Field(() => Float, { nullable: true }) maxDailyReturn?: number | null;
  @Field(() => Float, { nullable: true }) minDailyReturn?: number | null;
  @Field(() => Float, { nullable: true }) minPriceThreshold?: number | null;
  @Field(() => String, { nullable: true, description: "daily | weekly | monthly | quarterly" }) rebalanceFrequency?:
    | string
    | null;
  @Field(() => Int, { nullable: true }) maxForwardFillDays?: number | null;
  @Field(() => Float, { nullable: true }) outlierStdThreshold?: number | null;
  @Field(() => Int, { nullable: true }) momentumLookbackDays?: number | null;
  @Field(() => Int, { nullable: true }) volatilityLookbackDays?: number | null;
  @Field(() => Float, { nullable: true, description: "In (0, 1]. To remove the cap use clearMaxAssetWeight." })
  maxAssetWeight?: number | null;
  @Field(() => Boolean, { nullable: true, description: "true removes the per-asset cap (max_asset_weight = null)." })
  clearMaxAssetWeight?: boolean | null;
  @Field(() => Float, { nullable: true }) transactionCostBps?: number | null;
  @Field(() => Float, { nullable: true }) riskFreeRate?: number | null;
  @Field(() => String, {
    nullable: true,
    description: "Upper-cased. To remove the benchmark use clearBenchmarkSymbol.",
  })
  benchmarkSymbol?: string | null;
  @Field(() => Boolean, { nullable: true, description: "true removes the benchmark (benchmark_symbol = null)." })
  clearBenchmarkSymbol?: boolean | null;
}

/** The patch an input asks for: only strategy parameters, nothing else is copied. */
export function toStrategyPatch(input: StrategyConfigInput): Partial<StrategyParams> {
  const patch: Record<string, unknown> = {};
  for (const k of STRATEGY_PARAM_NAMES) if (input[k] !== undefined && input[k] !== null) patch[k] = input[k];
  if (typeof patch.rebalanceFrequency === "string")
    patch.rebalanceFrequency = patch.rebalanceFrequency.trim().toLowerCase().slice(0, 40);
  if (typeof patch.benchmarkSymbol === "string")
    patch.benchmarkSymbol = patch.benchmarkSymbol.trim().toUpperCase().slice(0, 40);
  for (const [flag, field] of [
    ["clearMaxAssetWeight", "maxAssetWeight"],
    ["clearBenchmarkSymbol", "benchmarkSymbol"],
  ] as const) {
    if (!input[flag]) continue;
    if (patch[field] !== undefined)
      throw badInput(`give ${field} or ${flag}, not both`, [{ field: flag, message: `conflicts with ${field}` }]);
    patch[field] = null;
  }
  return patch as Partial<StrategyParams>;
}

/** Audit reasons are required, trimmed, and at most REASON_MAX_LENGTH characters. */
export function parseReason(reason: string): string {
  const r = reason.trim();
  if (r.length === 0 || r.length > REASON_MAX_LENGTH)
    throw badInput(`reason must be 1 to ${REASON_MAX_LENGTH} characters`, [
      { field: "reason", message: `1 to ${REASON_MAX_LENGTH} characters` },
    ]);
  return r;
}
