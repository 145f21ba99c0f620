import { buildSchema, execute, parse, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { selectsField } from "../../../src/graphql/selection.js";

// Runs a query against a tiny schema and records what selectsField says inside `list`.
async function probe(query: string): Promise<{ total: boolean; items: boolean }> {
  const schema = buildSchema(`type Page { items: [Int!]! total: Int! } type Query { list: Page! }`);
  let seen = { total: false, items: false };
  const rootValue = {
    list: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = { total: selectsField(info, "total"), items: selectsField(info, "items") };
      return { items: [], total: 0 };
    },
  };
  const result = await execute({ schema, document: parse(query), rootValue });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe("selectsField", () => {
  it("sees a field selected directly, under an alias, or only the other one", async () => {
    expect(await probe("{ list { items total } }")).toEqual({ total: true, items: true });
    expect(await probe("{ list { items } }")).toEqual({ total: false, items: true });
    expect(await probe("{ list { n: total } }")).toEqual({ total: true, items: false });
    expect(await probe("{ list { __typename } }")).toEqual({ total: false, items: false });
  });

  it("looks through named and inline fragments, and through every node of a merged field", async () => {
    expect(await probe("{ list { ...F } } fragment F on Page { total }")).toEqual({ total: true, items: false });
    expect(await probe("{ list { ... on Page { ... { items } } } }")).toEqual({ total: false, items: true });
    expect(await probe("{ list { items } list { total } }")).toEqual({ total: true, items: true });
  });

  it("counts a field under @skip/@include as selected (errs towards doing the work)", async () => {
    expect(await probe("{ list { total @skip(if: true) } }")).toEqual({ total: true, items: false });
  });
});
