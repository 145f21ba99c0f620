import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enumValueName } from "../../../src/graphql/stored-enum.js";
import { recomputeIndex } from "../../helpers/services.js";
import {
  defaultStrategyParams,
  type ParameterDefinition,
  paramsOf,
  STRATEGY_PARAM_NAMES,
  STRATEGY_PARAMETERS,
  type StrategyParamName,
  type StrategyParams,
} from "../../../src/strategy/parameters.js";
import { getIndexConfig, getStrategyConfig } from "../../../src/strategy/strategy.repo.js";
import { requirement } from "../../../src/strategy/strategy.validation.js";
import { UPDATE } from "../../e2e/auth/auth-helpers.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";
import { seedUniverse } from "../../helpers/fixtures.js";
import { outOfBounds, sampleParams } from "../../helpers/strategy-samples.js";

const def = (name: StrategyParamName): ParameterDefinition => STRATEGY_PARAMETERS[name];
const ALL = STRATEGY_PARAM_NAMES.join(" ");
const READ = `{ strategyConfig { version ${ALL} } }`;

/** Parameters as GraphQL sends and receives them: enum values by their GraphQL names. */
const asGraphQL = (params: StrategyParams): Record<string, unknown> =>
  Object.fromEntries(
    STRATEGY_PARAM_NAMES.map((k) => {
      const v = params[k];
      return [k, def(k).kind === "enum" && typeof v === "string" ? enumValueName(v) : v];
    }),
  );

describe(`strategy parameters end to end: GraphQL, repository, database, engine (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(() => t.reset());
  afterAll(() => t?.close());

  it("a fresh configuration holds the registry's defaults (the migrations' column defaults agree)", async () => {
    expect(paramsOf(await getStrategyConfig(t.db))).toEqual(defaultStrategyParams());
    const read = await execute(t.app, READ);
    expect(read.data?.strategyConfig).toEqual({ version: 1, ...asGraphQL(defaultStrategyParams()) });
  });

  it("every parameter round-trips: GraphQL input → column → repository → GraphQL output and engine", async () => {
    await seedUniverse(t.db, 4, 40);
    const samples = sampleParams();
    const res = await execute(
      t.app,
      UPDATE,
      { input: asGraphQL(samples), reason: "all", v: 1, recompute: true },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    const row = await t.db.selectFrom("strategy_configs").selectAll().executeTakeFirstOrThrow();
    for (const k of STRATEGY_PARAM_NAMES) expect(row[def(k).column], `${k} → ${def(k).column}`).toEqual(samples[k]);
    expect(paramsOf(await getStrategyConfig(t.db))).toEqual(samples);
    expect((await execute(t.app, READ)).data?.strategyConfig).toEqual({ version: 2, ...asGraphQL(samples) });
    // The audit entry names every parameter; the recompute ran the engine with all of them.
    expect(Object.keys(row.adjustment_history[0].changes).sort()).toEqual([...STRATEGY_PARAM_NAMES].sort());
    expect(await getIndexConfig(t.db)).toEqual({ params: samples, strategyVersion: 2 });
    await recomputeIndex(t.db);
    expect((await getIndexConfig(t.db)).params).toEqual(samples);
  });

  it.each(STRATEGY_PARAM_NAMES.filter((k) => outOfBounds(k).length > 0))(
    "%s: each bound is BAD_USER_INPUT naming the field and the range, and nothing is written",
    async (name) => {
      for (const { value } of outOfBounds(name)) {
        const res = await execute(t.app, UPDATE, { input: { [name]: value }, reason: "bad", v: 1 }, ADMIN);
        const e = res.errors?.[0];
        expect(e?.extensions, `${name} = ${value}`).toMatchObject({
          code: "BAD_USER_INPUT",
          field: name,
          problems: [{ field: name, message: `${requirement(def(name))} (got ${value})` }],
        });
        expect(e?.message).toContain(`${name} ${requirement(def(name))}`);
      }
      expect((await getStrategyConfig(t.db)).version).toBe(1);
    },
  );

  it("the database refuses what the registry refuses (the migrations' checks agree with each bound)", async () => {
    for (const name of STRATEGY_PARAM_NAMES)
      for (const { value } of outOfBounds(name)) {
        const column = sql.ref(def(name).column);
        await expect(
          sql`update strategy_configs set ${column} = ${value} where id = 1`.execute(t.db),
          `${name} = ${value}`,
        ).rejects.toThrow(/check constraint/);
      }
  });
});
