import { describe, expect, it } from "vitest";
import { runEngine } from "../../../src/analytics/engine/engine.js";
import { defaultEngineConfig, toEngineConfig } from "../../../src/index/engine-config.js";
import {
  defaultStrategyParams,
  type ParameterDefinition,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParamName,
} from "../../../src/strategy/parameters.js";
import { requirement, strategyProblems } from "../../../src/strategy/strategy.validation.js";
import { atBounds, outOfBounds, sampleParams } from "../../helpers/strategy-samples.js";
import { build } from "../analytics/engine/fixtures.js";

const def = (name: StrategyParamName): ParameterDefinition => STRATEGY_PARAMETERS[name];
/** The problems of the defaults with one parameter replaced (weights' sum rule included). */
const problemsWith = (name: StrategyParamName, value: unknown) =>
  strategyProblems({ ...defaultStrategyParams(), [name]: value as never });
const ownProblems = (name: StrategyParamName, value: unknown) =>
  problemsWith(name, value).filter((p) => p.field === name && p.message.startsWith(requirement(def(name))));
const numeric = STRATEGY_PARAM_NAMES.filter((k) => def(k).kind === "float" || def(k).kind === "int");

describe("the parameter registry drives validation", () => {
  it("the defaults and the samples are valid, and every sample differs from its default", () => {
    expect(strategyProblems(defaultStrategyParams())).toEqual([]);
    const samples = sampleParams();
    expect(strategyProblems(samples)).toEqual([]);
    for (const k of STRATEGY_PARAM_NAMES) expect(samples[k], k).not.toEqual(def(k).default);
  });

  it.each(numeric)("%s: each bound is enforced, with a message that states the range and the value", (name) => {
    for (const { value, bound } of outOfBounds(name)) {
      const problems = problemsWith(name, value).filter((p) => p.field === name);
      expect(problems, `${name} ${bound}`).toEqual([
        { field: name, message: `${requirement(def(name))} (got ${value})` },
      ]);
      expect(problems[0].message).toContain(bound.split(" ")[1]);
    }
    for (const value of atBounds(name)) expect(ownProblems(name, value), `${name} = ${value}`).toEqual([]);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, "1"])
      expect(ownProblems(name, value), `${name} = ${String(value)}`).toHaveLength(1);
  });

  it("whole-number parameters refuse fractions; only nullable parameters accept null", () => {
    for (const name of numeric.filter((k) => def(k).kind === "int")) {
      const [low] = atBounds(name);
      expect(ownProblems(name, low + 0.5)[0]?.message, name).toMatch(/^must be a whole number/);
    }
    for (const name of STRATEGY_PARAM_NAMES) {
      const problems = ownProblems(name, null);
      if (def(name).nullable) expect(problems, name).toEqual([]);
      else expect(problems, name).toHaveLength(1);
    }
  });

  it("an enum parameter refuses a value outside its set, listing the set", () => {
    for (const name of STRATEGY_PARAM_NAMES) {
      const p = def(name);
      if (p.kind !== "enum") continue;
      const [problem] = ownProblems(name, "hourly");
      expect(problem.message).toBe(`must be one of ${Object.keys(p.values).join(", ")} (got "hourly")`);
    }
  });

  it("columns are distinct and every definition says what it does", () => {
    const columns = STRATEGY_PARAM_NAMES.map((k) => def(k).column);
    expect(new Set(columns).size).toBe(columns.length);
    for (const k of STRATEGY_PARAM_NAMES) {
      expect(def(k).description, k).toMatch(/^[A-Zk].*\.$/);
      if (def(k).nullable) expect(def(k).whenNull, k).toBeTruthy();
    }
  });
});

describe("the engine receives every parameter", () => {
  it("toEngineConfig passes every registry parameter through, with the forced-rebalance state", () => {
    const params = sampleParams();
    const config = toEngineConfig({ ...params, forceRebalance: true, forcedRebalanceDates: ["2024-01-02"] });
    for (const k of STRATEGY_PARAM_NAMES) expect(config[k], k).toEqual(params[k]);
    expect(config).toMatchObject({ forceRebalance: true, forcedRebalanceDates: ["2024-01-02"] });
    expect(defaultEngineConfig()).toEqual({
      ...defaultStrategyParams(),
      forceRebalance: false,
      forcedRebalanceDates: [],
    });
  });

  it("the engine reads no configuration key that the registry (or the recompute state) does not define", () => {
    const read = new Set<string>();
    const input = build(
      { A: [10, 11, 12, 11, 13, 14], B: [20, 19, 21, 22, 21, 23] },
      ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"],
      { ...sampleParams(), momentumLookbackDays: 1, volatilityLookbackDays: 2, benchmarkSymbol: null },
    );
    const config = new Proxy(input.config, {
      get(target, key, receiver) {
        if (typeof key === "string") read.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
    expect(runEngine({ ...input, config }).levels.length).toBeGreaterThan(0);
    const known = new Set<string>([...STRATEGY_PARAM_NAMES, "forceRebalance", "forcedRebalanceDates"]);
    expect([...read].filter((k) => !known.has(k))).toEqual([]);
    expect(read.size).toBeGreaterThan(10);
  });
});
