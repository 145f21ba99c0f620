import { describe, expect, it } from "vitest";
import { getSchema } from "../../../src/graphql/schema.js";
import { schemaElements } from "../../helpers/schema-elements.js";

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
      .filter((e) => !described(e.description))
      .map((e) => `${e.kind} ${e.coordinate}`);
    expect(missing, "describe these (units, bounds, what null means, which errors)").toEqual([]);
  });
});
