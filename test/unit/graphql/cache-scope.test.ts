import { parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { operationScope } from "../../../src/graphql/cache-scope.js";
import { getSchema } from "../../../src/graphql/schema.js";

async function scope(query: string, operationName?: string) {
  const schema = await getSchema();
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === "OperationDefinition" && (!operationName || d.name?.value === operationName),
  )!;
  return operationScope(schema, document, operation);
}

describe("cache scope declared on the schema", () => {
  it("makes reads of public fields public, through fragments and nested types", async () => {
    expect(
      await scope(
        `{ assets(first: 50) { totalCount edges { node { symbol prices(from: "2019-01-01") { date close } } } } }`,
      ),
    ).toBe("public");
    expect(
      await scope(
        `query Q { ...Root } fragment Root on Query { indexValues { ...V } } fragment V on IndexValue { date value
          __typename }`,
      ),
    ).toBe("public");
    expect(
      await scope(
        `{ strategyConfig { version lastRebalance } riskMetrics(window: ONE_YEAR) { sharpeRatio conventions { ddof ` +
          `} } }`,
      ),
    ).toBe("public");
    expect(await scope(`{ __schema { queryType { name } } }`)).toBe("public");
  });

  it("keeps viewer-specific, admin-only and unmarked fields private", async () => {
    expect(await scope(`{ me { email } }`)).toBe("private");
    expect(await scope(`{ strategyHistory(first: 5) { totalCount } }`)).toBe("private");
    // previewStrategy is admin-only and carries no mark: unmarked means private.
    expect(await scope(`{ previewStrategy(config: {}) { __typename } }`)).toBe("private");
    // One private field makes the whole operation private, even behind a fragment.
    expect(await scope(`{ assets { totalCount } ...M } fragment M on Query { me { id } }`)).toBe("private");
    expect(await scope(`{ ... on Query { me { id } } }`)).toBe("private");
  });

  it("never shares a mutation, and judges only the operation that runs", async () => {
    expect(await scope(`mutation { logout(refreshToken: "x") }`)).toBe("private");
    const doc = `query Pub { indexValues { date } } query Priv { me { id } }`;
    expect(await scope(doc, "Pub")).toBe("public");
    expect(await scope(doc, "Priv")).toBe("private");
  });
});
