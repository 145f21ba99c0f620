import { InputType } from "type-graphql";
import { badInput } from "../errors.js";
import {
  clearFlagOf,
  NULLABLE_PARAM_NAMES,
  StrategyParameterInputFields,
  type StrategyParamsPatchInput,
} from "./parameter-fields.js";
import { STRATEGY_PARAM_NAMES, STRATEGY_PARAMETERS, type StrategyParams } from "./parameters.js";

export const REASON_MAX_LENGTH = 500;

/**
 * A partial change of the strategy parameters: one optional field per parameter, and a clear
 * flag per nullable one, all derived from the definitions (parameters.ts, parameter-fields.ts).
 * Omitted or null keeps the stored value; the merged configuration is validated as a whole.
 */
@InputType({
  description:
    "Strategy parameters to change; omitted or null = keep the stored value. The merged configuration is " +
    "validated as a whole (bounds in each field's description; the three sleeve weights sum to 1).",
})
export class StrategyConfigInput extends StrategyParameterInputFields {}

/** The patch an input asks for: only strategy parameters (normalised), nothing else is copied. */
export function toStrategyPatch(input: StrategyParamsPatchInput): Partial<StrategyParams> {
  const patch: Record<string, unknown> = {};
  for (const k of STRATEGY_PARAM_NAMES) {
    const v = input[k];
    if (v === undefined || v === null) continue;
    // A symbol is upper-cased; the slice bounds what an error message echoes.
    patch[k] =
      STRATEGY_PARAMETERS[k].kind === "symbol" && typeof v === "string" ? v.trim().toUpperCase().slice(0, 40) : v;
  }
  for (const field of NULLABLE_PARAM_NAMES) {
    const flag = clearFlagOf(field);
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
