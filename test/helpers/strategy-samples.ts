import {
  type ParameterDefinition,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParamName,
  type StrategyParams,
} from "../../src/strategy/parameters.js";

const def = (name: StrategyParamName): ParameterDefinition => STRATEGY_PARAMETERS[name];

/**
 * A valid value of a parameter that differs from its default, derived from its definition
 * alone (so a new parameter needs no test change): the middle of a two-sided range, a step
 * inside a one-sided one, another enum value, another symbol.
 */
function sampleValue(p: ParameterDefinition): unknown {
  switch (p.kind) {
    case "enum":
      return Object.keys(p.values).find((v) => v !== p.default);
    case "symbol":
      return p.default === "QQQ" ? "IWM" : "QQQ";
    default: {
      const step = p.kind === "int" ? 3 : 1.5;
      let v: number;
      if (p.min !== undefined && p.max !== undefined)
        v = p.kind === "int" ? Math.floor((p.min + p.max) / 2) : (p.min + p.max) / 2;
      else if (p.min !== undefined) v = p.min + step;
      else if (p.max !== undefined) v = p.max - step;
      else v = (p.default ?? 0) + 0.0125;
      return v === p.default ? v + (p.kind === "int" ? 1 : 0.125) : v;
    }
  }
}

/**
 * Every parameter at a valid non-default value. The one rule across parameters (the three
 * sleeve weights sum to 1) is then restored with non-default weights.
 */
export function sampleParams(): StrategyParams {
  const params = Object.fromEntries(STRATEGY_PARAM_NAMES.map((k) => [k, sampleValue(def(k))])) as StrategyParams;
  return { ...params, momentumWeight: 0.5, marketCapWeight: 0.25, riskParityWeight: 0.25 };
}

/** Values just outside each bound of a numeric parameter, with the bound they break. */
export function outOfBounds(name: StrategyParamName): { value: number; bound: string }[] {
  const p = def(name);
  if (p.kind !== "float" && p.kind !== "int") return [];
  const d = p.kind === "int" ? 1 : 0.5;
  const cases: { value: number; bound: string }[] = [];
  if (p.min !== undefined) cases.push({ value: p.openMin ? p.min : p.min - d, bound: `min ${p.min}` });
  if (p.max !== undefined) cases.push({ value: p.openMax ? p.max : p.max + d, bound: `max ${p.max}` });
  return cases;
}

/** Values exactly at each closed bound (valid), or just inside an open one. */
export function atBounds(name: StrategyParamName): number[] {
  const p = def(name);
  if (p.kind !== "float" && p.kind !== "int") return [];
  const eps = p.kind === "int" ? 1 : 1e-9;
  const values: number[] = [];
  if (p.min !== undefined) values.push(p.openMin ? p.min + eps : p.min);
  if (p.max !== undefined) values.push(p.openMax ? p.max - eps : p.max);
  return values;
}
