import { badInput, type FieldProblem } from "../errors.js";
import { SYMBOL_PATTERN } from "../shared/symbols.js";
import {
  type NumberParameter,
  type ParameterDefinition,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParams,
  UNITS,
} from "./parameters.js";

const WEIGHT_SUM_TOLERANCE = 1e-9;
const SLEEVE_WEIGHTS = ["momentumWeight", "marketCapWeight", "riskParityWeight"] as const;

/** "in [0, 1]", "> 0", "≤ 1000", "(0, 1]", or "any finite number": a parameter's bounds in words. */
export function boundsText(p: NumberParameter): string {
  const { min, max, openMin, openMax } = p;
  if (min !== undefined && max !== undefined) return `in ${openMin ? "(" : "["}${min}, ${max}${openMax ? ")" : "]"}`;
  if (min !== undefined) return `${openMin ? ">" : "≥"} ${min}`;
  if (max !== undefined) return `${openMax ? "<" : "≤"} ${max}`;
  return "any finite number";
}

const withinBounds = (p: NumberParameter, v: number): boolean =>
  (p.min === undefined || (p.openMin ? v > p.min : v >= p.min)) &&
  (p.max === undefined || (p.openMax ? v < p.max : v <= p.max));

/** What a valid value is, in words: the message of every problem with this parameter. */
export function requirement(p: ParameterDefinition): string {
  const orNull = p.nullable ? `, or null for ${p.whenNull}` : "";
  switch (p.kind) {
    case "float":
      return `must be ${boundsText(p)}${UNITS[p.unit].suffix}${orNull}`;
    case "int":
      return `must be a whole number ${boundsText(p)}${orNull}`;
    case "enum":
      return `must be one of ${Object.keys(p.values).join(", ")}${orNull}`;
    case "symbol":
      return `must be a symbol (A-Z, 0-9, '.', '-'; at most 16 characters)${orNull}`;
  }
}

function isValid(p: ParameterDefinition, v: unknown): boolean {
  if (v === null) return p.nullable === true;
  switch (p.kind) {
    case "float":
      return typeof v === "number" && Number.isFinite(v) && withinBounds(p, v);
    case "int":
      return typeof v === "number" && Number.isInteger(v) && withinBounds(p, v);
    case "enum":
      return typeof v === "string" && Object.hasOwn(p.values, v);
    case "symbol":
      return typeof v === "string" && SYMBOL_PATTERN.test(v);
  }
}

const shown = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : String(v));

/**
 * Every problem of a whole (merged) strategy configuration, each with its field; empty when
 * valid. Each parameter is checked against its definition (parameters.ts: type, bounds,
 * nullability), then the rules across parameters (the sleeve weights sum to 1). Non-finite
 * numbers are refused everywhere (e.g. NaN reaching a service directly; GraphQL's Float
 * already refuses them in variables).
 */
export function strategyProblems(p: StrategyParams): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of STRATEGY_PARAM_NAMES) {
    const def: ParameterDefinition = STRATEGY_PARAMETERS[field];
    const v: unknown = p[field];
    if (!isValid(def, v)) problems.push({ field, message: `${requirement(def)} (got ${shown(v)})` });
  }
  if (!problems.some((x) => (SLEEVE_WEIGHTS as readonly string[]).includes(x.field))) {
    const sum = SLEEVE_WEIGHTS.reduce((a, k) => a + p[k], 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
      for (const field of SLEEVE_WEIGHTS)
        problems.push({ field, message: `the three sleeve weights must sum to 1 (they sum to ${sum})` });
  }
  return problems;
}

/** Throws BAD_USER_INPUT listing every problem (extensions.problems, extensions.field = the first). */
export function assertValidStrategy(p: StrategyParams): void {
  const problems = strategyProblems(p);
  if (problems.length)
    throw badInput(
      `invalid strategy configuration: ${problems.map((x) => `${x.field} ${x.message}`).join("; ")}`,
      problems,
    );
}
