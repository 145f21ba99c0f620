import { describe, expect, it } from "vitest";
import { toStrategyPatch } from "../../../src/strategy/strategy.inputs.js";
import { defaultStrategyParams, type StrategyParams } from "../../../src/strategy/parameters.js";
import { assertValidStrategy, strategyProblems } from "../../../src/strategy/strategy.validation.js";

const DEFAULTS: StrategyParams = defaultStrategyParams();
/** A value of the wrong type or outside a closed set, as a service could receive it. */
const bad = (v: unknown) => v as never;
const fields = (p: Partial<StrategyParams>) => strategyProblems({ ...DEFAULTS, ...p }).map((x) => x.field);

describe("strategy validation (DOMAIN.md §1)", () => {
  it("accepts the defaults and the boundaries of every range", () => {
    expect(strategyProblems(DEFAULTS)).toEqual([]);
    expect(fields({ momentumWeight: 1, marketCapWeight: 0, riskParityWeight: 0 })).toEqual([]);
    // 0.1+0.2 ≠ 0.3 exactly
    expect(fields({ momentumWeight: 0.1, marketCapWeight: 0.2, riskParityWeight: 0.7 })).toEqual([]);
    expect(
      fields({
        momentumLookbackDays: 1,
        volatilityLookbackDays: 2,
        maxForwardFillDays: 0,
        maxAssetWeight: 1,
        dailyDropThreshold: -1,
      }),
    ).toEqual([]);
    expect(fields({ transactionCostBps: 1000 })).toEqual([]);
    expect(
      fields({
        dailyDropThreshold: 0,
        transactionCostBps: 0,
        minPriceThreshold: 0,
        riskFreeRate: -0.02,
        benchmarkSymbol: null,
      }),
    ).toEqual([]);
    for (const f of ["daily", "weekly", "monthly", "quarterly"] as const)
      expect(fields({ rebalanceFrequency: f })).toEqual([]);
  });

  it("names each field out of range", () => {
    const cases: [Partial<StrategyParams>, string][] = [
      [{ momentumWeight: -0.1, marketCapWeight: 0.8 }, "momentumWeight"],
      [{ marketCapWeight: 1.1 }, "marketCapWeight"],
      [{ momentumLookbackDays: 0 }, "momentumLookbackDays"],
      [{ volatilityLookbackDays: 1 }, "volatilityLookbackDays"],
      [{ volatilityLookbackDays: 2.5 }, "volatilityLookbackDays"],
      [{ maxForwardFillDays: -1 }, "maxForwardFillDays"],
      [{ minDailyReturn: 0 }, "minDailyReturn"],
      [{ maxDailyReturn: 0 }, "maxDailyReturn"],
      [{ outlierStdThreshold: 0 }, "outlierStdThreshold"],
      [{ maxAssetWeight: 0 }, "maxAssetWeight"],
      [{ maxAssetWeight: 1.01 }, "maxAssetWeight"],
      [{ transactionCostBps: -1 }, "transactionCostBps"],
      [{ transactionCostBps: 1000.5 }, "transactionCostBps"],
      [{ transactionCostBps: 10_000 }, "transactionCostBps"],
      [{ minPriceThreshold: -0.01 }, "minPriceThreshold"],
      [{ dailyDropThreshold: 0.01 }, "dailyDropThreshold"],
      [{ dailyDropThreshold: -1.5 }, "dailyDropThreshold"],
      [{ rebalanceFrequency: bad("hourly") }, "rebalanceFrequency"],
      [{ riskFreeRate: Number.NaN }, "riskFreeRate"],
      [{ outlierStdThreshold: Number.POSITIVE_INFINITY }, "outlierStdThreshold"],
      [{ benchmarkSymbol: "spy lower" }, "benchmarkSymbol"],
    ];
    for (const [p, field] of cases) expect(fields(p), JSON.stringify(p)).toContain(field);
  });

  it("bounds transactionCostBps at 1000 with a message saying the range (10,000 bps used to give NaN levels)", () => {
    expect(strategyProblems({ ...DEFAULTS, transactionCostBps: 10_000 })).toEqual([
      { field: "transactionCostBps", message: "must be in [0, 1000] basis points (got 10000)" },
    ]);
  });

  it("requires the three weights to sum to 1 within 1e-9, naming the three", () => {
    expect(fields({ momentumWeight: 0.5 })).toEqual(["momentumWeight", "marketCapWeight", "riskParityWeight"]);
    expect(fields({ momentumWeight: 0.4 + 2e-9 })).toHaveLength(3);
    expect(fields({ momentumWeight: 0.4 + 5e-10 })).toEqual([]);
  });

  it("returns every problem at once, and assertValidStrategy throws BAD_USER_INPUT with them", () => {
    expect(fields({ minDailyReturn: 1, maxDailyReturn: -1, rebalanceFrequency: bad("never") })).toEqual([
      "maxDailyReturn",
      "minDailyReturn",
      "rebalanceFrequency",
    ]);
    try {
      assertValidStrategy({ ...DEFAULTS, outlierStdThreshold: -3 });
      expect.unreachable();
    } catch (err) {
      expect((err as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "outlierStdThreshold",
      });
    }
  });
});

describe("StrategyConfigInput → patch", () => {
  it("copies only strategy parameters, keeps nulls as 'unchanged', clears with the flags", () => {
    const input = {
      momentumWeight: 0.5,
      marketCapWeight: null,
      clearMaxAssetWeight: true,
      version: 99,
      aiAdjusted: true,
    } as never;
    expect(toStrategyPatch(input)).toEqual({ momentumWeight: 0.5, maxAssetWeight: null });
    expect(toStrategyPatch({ benchmarkSymbol: " qqq ", rebalanceFrequency: "monthly" })).toEqual({
      benchmarkSymbol: "QQQ",
      rebalanceFrequency: "monthly",
    });
    expect(() => toStrategyPatch({ maxAssetWeight: 0.2, clearMaxAssetWeight: true })).toThrow(/not both/);
  });
});
