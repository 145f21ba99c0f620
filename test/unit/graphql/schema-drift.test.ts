import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { printSortedSchema } from "../../../src/graphql/schema.js";

describe("schema/schema.graphql", () => {
  it(
    "matches the SDL emitted from the type-graphql classes " + "(run `npm run schema:emit` after changing types)",
    async () => {
      const committed = await readFile(new URL("../../../schema/schema.graphql", import.meta.url), "utf8");
      expect(await printSortedSchema()).toBe(committed);
    },
  );
});
