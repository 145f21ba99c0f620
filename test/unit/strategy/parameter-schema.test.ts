import { type GraphQLSchema, isEnumType, isInputObjectType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { getSchema } from "../../../src/graphql/schema.js";
import { enumValueName } from "../../../src/graphql/stored-enum.js";
import { clearFlagOf, parameterDescription } from "../../../src/strategy/parameter-fields.js";
import {
  type ParameterDefinition,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParamName,
  UNITS,
} from "../../../src/strategy/parameters.js";
import { boundsText } from "../../../src/strategy/strategy.validation.js";

const def = (name: StrategyParamName): ParameterDefinition => STRATEGY_PARAMETERS[name];
const graphqlTypeName = (p: ParameterDefinition) =>
  p.kind === "float" ? "Float" : p.kind === "int" ? "Int" : p.kind === "enum" ? p.graphqlName : "String";

describe("the schema exposes every strategy parameter from its definition", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });
  const objectType = (name: string) => {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
    return type;
  };

  it("StrategyConfig: one field per parameter, typed and described (unit, bounds, null, default)", () => {
    const fields = objectType("StrategyConfig").getFields();
    for (const name of STRATEGY_PARAM_NAMES) {
      const p = def(name);
      const field = fields[name];
      expect(String(field?.type), name).toBe(`${graphqlTypeName(p)}${p.nullable ? "" : "!"}`);
      expect(field.description, name).toBe(parameterDescription(p));
      expect(field.description, name).toContain(p.description);
      if (p.kind === "float" || p.kind === "int") {
        expect(field.description, name).toContain(UNITS[p.unit].label);
        expect(field.description, name).toContain(boundsText(p));
      }
      if (p.nullable) expect(field.description, name).toContain(`null = ${p.whenNull}`);
      expect(field.description, name).toMatch(/default \S+\.$/i);
    }
  });

  it("StrategyConfigInput: every parameter optional with its description, and a clear flag per nullable one", () => {
    const input = schema.getType("StrategyConfigInput");
    if (!isInputObjectType(input)) throw new Error("StrategyConfigInput is not an input type");
    const fields = input.getFields();
    const flags: string[] = [];
    for (const name of STRATEGY_PARAM_NAMES) {
      const p = def(name);
      expect(String(fields[name]?.type), name).toBe(graphqlTypeName(p));
      expect(fields[name].description, name).toContain(parameterDescription(p));
      expect(fields[name].description, name).toContain("Omitted or null keeps the stored value.");
      if (p.nullable) {
        flags.push(clearFlagOf(name));
        expect(String(fields[clearFlagOf(name)]?.type)).toBe("Boolean");
        expect(fields[clearFlagOf(name)].description).toContain(name);
      }
    }
    expect(Object.keys(fields).sort()).toEqual([...STRATEGY_PARAM_NAMES, ...flags].sort());
  });

  it("an enum parameter is a GraphQL enum: UPPER_SNAKE_CASE names over the stored values, each described", () => {
    for (const name of STRATEGY_PARAM_NAMES) {
      const p = def(name);
      if (p.kind !== "enum") continue;
      const type = schema.getType(p.graphqlName);
      if (!isEnumType(type)) throw new Error(`${p.graphqlName} is not an enum`);
      expect(type.description).toBe(p.graphqlDescription);
      expect(type.getValues().map((v) => [v.name, v.value, v.description])).toEqual(
        Object.entries(p.values).map(([stored, description]) => [enumValueName(stored), stored, description]),
      );
      expect(type.serialize(p.default)).toBe(p.default.toUpperCase());
    }
  });

  it("the other closed sets of the strategy are enums over their stored values", () => {
    const values = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((v) => [v.name, v.value, Boolean(v.description)]);
    };
    expect(values("StrategyChangeKind")).toEqual([
      ["UPDATE", "update", true],
      ["AI_ADJUSTMENT", "ai_adjustment", true],
      ["FORCE_REBALANCE", "force_rebalance", true],
    ]);
    expect(values("StrategyChangeActor")).toEqual([
      ["USER", "user", true],
      ["ADMIN_TOKEN", "admin-token", true],
    ]);
    expect(values("RebalanceFallback").map(([name, value]) => name === value)).toEqual([true, true, true, true]);
    for (const [type, field] of [
      ["Rebalance", "fallbacks"],
      ["PreviewRebalance", "fallbacks"],
    ])
      expect(String(objectType(type).getFields()[field].type)).toBe("[RebalanceFallback!]!");
  });

  it("the registry's base classes are not emitted", () => {
    expect(schema.getType("StrategyParameterFields")).toBeUndefined();
    expect(schema.getType("StrategyParameterInputFields")).toBeUndefined();
  });
});
