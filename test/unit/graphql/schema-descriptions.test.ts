import { describe, expect, it } from "vitest";
import { getSchema } from "../../../src/graphql/schema.js";
import { schemaElements } from "../../helpers/schema-elements.js";

/**
 * Elements of the strategy configuration and of the stored risk-metric row, which the `params`
 * branch (one registry per strategy parameter and metric, issue 11 item 4) describes. Listed by
 * coordinate so that nothing else may lack a description meanwhile; an entry that gains one
 * fails the last test below, so the list empties itself when the branches meet.
 */
const PENDING_PARAMS_BRANCH = new Set([
  "RiskMetrics.aiRiskAdjustedRoi",
  "RiskMetrics.correlationSp500",
  "RiskMetrics.date",
  "RiskMetrics.informationRatio",
  "RiskMetrics.sharpeRatio",
  "RiskMetrics.sortinoRatio",
  "StrategyConfig.aiAdjusted",
  "StrategyConfig.aiAdjustmentReason",
  "StrategyConfig.momentumLookbackDays",
  "StrategyConfig.updatedAt",
  "StrategyConfig.volatilityLookbackDays",
  "StrategyConfigInput.dailyDropThreshold",
  "StrategyConfigInput.marketCapWeight",
  "StrategyConfigInput.maxDailyReturn",
  "StrategyConfigInput.maxForwardFillDays",
  "StrategyConfigInput.minDailyReturn",
  "StrategyConfigInput.minPriceThreshold",
  "StrategyConfigInput.momentumLookbackDays",
  "StrategyConfigInput.momentumWeight",
  "StrategyConfigInput.outlierStdThreshold",
  "StrategyConfigInput.riskFreeRate",
  "StrategyConfigInput.riskParityWeight",
  "StrategyConfigInput.transactionCostBps",
  "StrategyConfigInput.volatilityLookbackDays",
]);

/** A description a client can act on says something: not empty, not a bare word or a placeholder. */
const described = (d: string | null | undefined) => typeof d === "string" && d.trim().length >= 10;

describe("every element of the schema has a description (built-in scalars and introspection types excluded)", () => {
  it("walks types, fields, arguments, input fields, enums and enum values of the built schema", async () => {
    const elements = schemaElements(await getSchema());
    const kinds = new Set(elements.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["argument", "enum value", "field", "input field", "type"]);
    expect(elements.length).toBeGreaterThan(500);
  });

  it("finds none without one", async () => {
    const missing = schemaElements(await getSchema())
      .filter((e) => !described(e.description) && !PENDING_PARAMS_BRANCH.has(e.coordinate))
      .map((e) => `${e.kind} ${e.coordinate}`);
    expect(missing, "describe these (units, bounds, what null means, which errors)").toEqual([]);
  });

  it("keeps no stale pending entry (remove those the params branch has described)", async () => {
    const elements = new Map(schemaElements(await getSchema()).map((e) => [e.coordinate, e]));
    const stale = [...PENDING_PARAMS_BRANCH].filter((c) => !elements.has(c) || described(elements.get(c)!.description));
    expect(stale).toEqual([]);
  });
});
