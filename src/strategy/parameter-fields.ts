import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { storedEnum } from "../graphql/stored-enum.js";
import {
  type ParameterDefinition,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParamName,
  type StrategyParams,
  UNITS,
} from "./parameters.js";
import { boundsText } from "./strategy.validation.js";

/**
 * The GraphQL side of the parameter registry (parameters.ts): one field per parameter on the
 * output type StrategyConfig and on the input StrategyConfigInput, with the type, nullability
 * and a description (unit, bounds, default) taken from its definition. The base classes below
 * are never referenced by a resolver, so the schema does not emit them; their subclasses
 * inherit the fields.
 */

/** The GraphQL enum of each enum parameter, registered once. */
const ENUMS = new Map<StrategyParamName, object>(
  STRATEGY_PARAM_NAMES.flatMap((name) => {
    const p: ParameterDefinition = STRATEGY_PARAMETERS[name];
    return p.kind === "enum" ? [[name, storedEnum(p.graphqlName, p.graphqlDescription, p.values)] as const] : [];
  }),
);

function graphqlType(name: StrategyParamName): () => object {
  const p: ParameterDefinition = STRATEGY_PARAMETERS[name];
  const enumObj = ENUMS.get(name);
  return () => (p.kind === "float" ? Float : p.kind === "int" ? Int : (enumObj ?? String));
}

/** Description of a parameter: what it does, then unit, bounds, null and default. */
export function parameterDescription(p: ParameterDefinition): string {
  const orNull = p.nullable ? `; null = ${p.whenNull}` : "";
  const dflt = `default ${p.default === null ? "null" : p.kind === "enum" ? p.default.toUpperCase() : p.default}`;
  switch (p.kind) {
    case "float":
      return `${p.description} ${UNITS[p.unit].label}, ${boundsText(p)}${orNull}; ${dflt}.`;
    case "int":
      return `${p.description} ${UNITS[p.unit].label}, a whole number ${boundsText(p)}${orNull}; ${dflt}.`;
    case "enum":
      return `${p.description} Default ${p.default.toUpperCase()}.`;
    case "symbol":
      return `${p.description} An asset symbol (1–16 of A-Z 0-9 . -)${orNull}; ${dflt}.`;
  }
}

/** The flag of the input that sets a nullable parameter to null, e.g. clearMaxAssetWeight. */
export const clearFlagOf = <K extends string>(name: K) =>
  `clear${name[0].toUpperCase()}${name.slice(1)}` as ClearFlag<K>;
type ClearFlag<K extends string> = `clear${Capitalize<K>}`;

/** Parameters that may be null (each gets a clear flag on the input). */
export type NullableParamName = {
  [K in StrategyParamName]: null extends StrategyParams[K] ? K : never;
}[StrategyParamName];
export const NULLABLE_PARAM_NAMES = STRATEGY_PARAM_NAMES.filter(
  (k) => (STRATEGY_PARAMETERS[k] as ParameterDefinition).nullable === true,
) as NullableParamName[];

/** The input's shape: every parameter optional (null = keep), plus a clear flag per nullable parameter. */
export type StrategyParamsPatchInput = { [K in StrategyParamName]?: StrategyParams[K] | null } & {
  [K in NullableParamName as ClearFlag<K>]?: boolean | null;
};

/** Output fields: every parameter, required unless nullable. */
@ObjectType("StrategyParameterFields")
abstract class ParameterOutputFields {}
for (const name of STRATEGY_PARAM_NAMES) {
  const p: ParameterDefinition = STRATEGY_PARAMETERS[name];
  Field(graphqlType(name), { nullable: p.nullable === true, description: parameterDescription(p) })(
    ParameterOutputFields.prototype,
    name,
  );
}

/** Input fields: every parameter optional; nullable ones are cleared with their flag. */
@InputType("StrategyParameterInputFields")
abstract class ParameterInputFields {}
for (const name of STRATEGY_PARAM_NAMES) {
  const p: ParameterDefinition = STRATEGY_PARAMETERS[name];
  const clear = p.nullable ? ` To set it to null (${p.whenNull}) use ${clearFlagOf(name)}.` : "";
  Field(graphqlType(name), {
    nullable: true,
    description: `${parameterDescription(p)} Omitted or null keeps the stored value.${clear}`,
  })(ParameterInputFields.prototype, name);
}
for (const name of NULLABLE_PARAM_NAMES) {
  const p: ParameterDefinition = STRATEGY_PARAMETERS[name];
  Field(() => Boolean, {
    nullable: true,
    description: `true sets ${name} to null (${p.whenNull}); cannot be combined with ${name}.`,
  })(ParameterInputFields.prototype, clearFlagOf(name));
}

/** Base class of StrategyConfig: the parameter fields, typed as StrategyParams. */
export const StrategyParameterFields = ParameterOutputFields as unknown as abstract new () => StrategyParams;
/** Base class of StrategyConfigInput: the optional parameter fields and clear flags. */
export const StrategyParameterInputFields =
  ParameterInputFields as unknown as abstract new () => StrategyParamsPatchInput;
