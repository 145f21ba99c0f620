import { describe, expect, it } from "vitest";
import { getSchema } from "../../../src/graphql/schema.js";

describe("dataQuality's description", () => {
  it(
    "says that imports and upserts show only after the " + "next recompute (a plain import does not refresh it)",
    async () => {
      const field = (await getSchema()).getQueryType()!.getFields().dataQuality;
      expect(field.description).toMatch(
        /imported or upserted since the last recompute show here only after the next one/,
      );
      expect(field.description).toMatch(/autoindex import … --recompute/);
    },
  );
});
