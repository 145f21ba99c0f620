import { describe, expect, it } from "vitest";
import { aiRiskAdjustedRoi, aiRiskScore, marketRegime } from "../../../../src/analytics/metrics/ai.js";

describe("marketRegime", () => {
  it("HIGH_VOLATILITY only when vol is defined and strictly above 0.30", () => {
    expect(marketRegime(0.31, 0.2)).toBe("HIGH_VOLATILITY");
    expect(marketRegime(0.3, 0.2)).toBe("BULL"); // 0.30 is not "exceeds"
  });

  it("then the total return: > +5 % BULL, < −5 % BEAR, else SIDEWAYS (bounds are SIDEWAYS)", () => {
    expect(marketRegime(0.1, 0.0501)).toBe("BULL");
    expect(marketRegime(0.1, 0.05)).toBe("SIDEWAYS");
    expect(marketRegime(0.1, -0.05)).toBe("SIDEWAYS");
    expect(marketRegime(0.1, -0.0501)).toBe("BEAR");
  });

  it("fewer than 2 returns (vol null): decided by the total return; no level at all → null", () => {
    expect(marketRegime(null, 0)).toBe("SIDEWAYS"); // inception
    expect(marketRegime(null, 0.08)).toBe("BULL"); // one +8 % return
    expect(marketRegime(null, null)).toBeNull();
  });
});

describe("aiRiskScore = round_half_up(100·min(1, 0.5·vol/0.40 + 0.3·|maxDD|/0.50 + 0.2·|var95|/0.05))", () => {
  it("hand-worked: vol 0.20, maxDD −0.10, var95 −0.02 → 25 + 6 + 8 = 39", () => {
    expect(aiRiskScore(0.2, -0.1, -0.02)).toBe(39);
  });

  it("rounds half up: vol 0.10 alone → 12.5 → 13 (banker's rounding would give 12)", () => {
    expect(aiRiskScore(0.1, 0, 0)).toBe(13);
    expect(aiRiskScore(0, 0, -0.00125)).toBe(1); // 0.5 → 1
    expect(aiRiskScore(0, -0.0125, 0)).toBe(1); // 0.75 → 1
  });

  it("is capped at 100 and uses |var95| literally (a positive quantile adds too)", () => {
    expect(aiRiskScore(0.9, -0.6, -0.2)).toBe(100);
    expect(aiRiskScore(0, 0, 0.0125)).toBe(5); // 0.2·0.0125/0.05 = 0.05
    expect(aiRiskScore(0, 0, 0)).toBe(0);
  });

  it("null when an input is undefined", () => {
    expect(aiRiskScore(null, -0.1, -0.02)).toBeNull();
    expect(aiRiskScore(0.2, -0.1, null)).toBeNull();
  });
});

describe("aiRiskAdjustedRoi = annualized_return·(1 − score/100)", () => {
  it("0.12 with score 39 → 0.0732; null propagates", () => {
    expect(aiRiskAdjustedRoi(0.12, 39)).toBeCloseTo(0.0732, 15);
    expect(aiRiskAdjustedRoi(-0.2, 100)).toBeCloseTo(0, 15);
    expect(aiRiskAdjustedRoi(null, 39)).toBeNull();
    expect(aiRiskAdjustedRoi(0.12, null)).toBeNull();
  });
});
