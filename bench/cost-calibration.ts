// Calibration of the query cost model (docs/security.md "Query cost"). Run from the repository
// root, without npm, on an otherwise idle machine:
//
//   node --import @swc-node/register/esm-register bench/cost-calibration.ts [--runs N]
//
// It loads the demo universe into an in-memory PGlite (the `serve --demo` set-up), computes the
// index, then times each probe of bench/cost-probes.ts through Apollo (parse, validate, cost,
// execute, serialise) in CPU time (process.cpuUsage) and prints, per probe, the time per item
// of work and per cost unit. One unit is one field of one row served from the database: the
// weights of src/graphql/cost-units.ts
// are the printed "µs per item" divided by the µs of that unit, and MAX_QUERY_COST is the units
// of one second.
import "reflect-metadata";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { getVariableValues, parse, type OperationDefinitionNode } from "graphql";
import { sql } from "kysely";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { seedDemoData } from "../src/demo/demo.service.js";
import { documentCost } from "../src/graphql/cost.js";
import { recomputeIndex } from "../src/index/recompute.service.js";
import { createLoaders } from "../src/loaders.js";
import { RequestCache } from "../src/request-cache.js";
import * as units from "../src/graphql/cost-units.js";
import { probes, type DataShape } from "./cost-probes.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Math.max(1, Number(values.runs));
const config = loadConfig(
  {},
  {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    AUTOINDEX_DATA_DIR: "memory://",
    MAX_QUERY_COST: 100_000_000,
    MAX_QUERY_LENGTH: 10_000_000,
    MAX_QUERY_TOKENS: 1_000_000,
    MAX_QUERY_NODES: 1_000_000,
    QUERY_TIMEOUT_MS: 600_000,
  },
);
const app = await createApp(config);
await app.database.db.transaction().execute((trx) => seedDemoData(trx));
await app.database.db.transaction().execute(recomputeIndex);

const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(app.database.db)).rows[0].n);
const shape: DataShape = {
  indexRows: await count("select count(*) as n from index_values"),
  assets: await count("select count(*) as n from assets"),
  priceRows: await count(
    "select count(*) as n from (select * from prices p join (select id from assets order by symbol limit " +
      "10) a on a.id = p.asset_id) x",
  ),
  flagRows: await count("select count(*) as n from data_quality_flags"),
};
console.log(
  `data: ${JSON.stringify(shape)}; Node ${process.version}; runs ${runs} (best); load average ` +
    `${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
);

/** CPU milliseconds (user + system) of this process since `from` (PGlite runs on this thread too). */
const cpuMs = (from?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

// CPU time, not wall time: the machine is shared, and what the limit bounds is the CPU a
// request takes from everyone else.
async function time(query: string, variables: Record<string, unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const contextValue = {
      db: app.database.db,
      config,
      loaders: createLoaders(app.database.db),
      cache: new RequestCache(app.database.db),
      viewer: null,
      requestId: "bench",
      log: app.log,
      clientAddress: "127.0.0.1",
    };
    const t0 = process.cpuUsage();
    const res = await app.apollo.executeOperation({ query, variables }, { contextValue });
    const ms = cpuMs(t0);
    if (res.body.kind !== "single" || res.body.singleResult.errors)
      throw new Error(JSON.stringify(res.body.kind === "single" ? res.body.singleResult.errors : "incremental"));
    best = Math.min(best, ms);
  }
  return best;
}

const K = 10; // aliases per request: the per-request overhead is divided among them
const rows: { name: string; item: string; usPerItem: number; usPerUnit: number; cost: number; ms: number }[] = [];
for (const probe of probes) {
  const { query, variables } = probe.build(K);
  const document = parse(query);
  const operation = document.definitions[0];
  if (operation.kind !== "OperationDefinition") throw new Error("probe without an operation");
  const cost = documentCost(app.schema, document, operation, variables, 1_000_000)!;
  const ms = await time(query, variables);
  const items = probe.itemsPerRepetition(shape) * K;
  rows.push({
    name: probe.name,
    item: probe.item,
    usPerItem: (ms * 1000) / items,
    usPerUnit: (ms * 1000) / cost,
    cost,
    ms,
  });
}
for (const r of rows)
  console.log(
    `  ${r.name.padEnd(22)} ${r.ms.toFixed(0).padStart(6)} ms CPU  cost ${String(r.cost).padStart(9)}  ` +
      `${r.usPerItem.toFixed(3).padStart(9)} µs per ${r.item.padEnd(12)} ${r.usPerUnit.toFixed(3).padStart(7)} µs ` +
      `per unit`,
  );

// The raw scan of the largest table, for the per-row weight of counts and aggregates.
let scanMs = Infinity;
for (let i = 0; i < runs; i++) {
  const t0 = process.cpuUsage();
  await sql`select count(*) filter (where close > 1) from prices`.execute(app.database.db);
  scanMs = Math.min(scanMs, cpuMs(t0));
}
const totalPrices = await count("select count(*) as n from prices");
// Coercion of a list variable, once (what every list argument item costs before any resolver).
const bigList = { r: probes.find((p) => p.name === "analyzeReturns")!.build(1).variables.r };
const coercionDoc = parse("query($r: [Float]!) { analyzeReturns(returns: $r) { var95 } }");
const coercionOp = coercionDoc.definitions[0] as OperationDefinitionNode;
let coerceMs = Infinity;
for (let i = 0; i < runs; i++) {
  const t0 = process.cpuUsage();
  getVariableValues(app.schema, coercionOp.variableDefinitions ?? [], bigList);
  coerceMs = Math.min(coerceMs, cpuMs(t0));
}
const coerceUs = (coerceMs * 1000) / (bigList.r as unknown[]).length;
console.log(
  `  ${"list coercion".padEnd(22)} ${coerceMs.toFixed(0).padStart(6)} ms  ${coerceUs.toFixed(3).padStart(26)} µs ` +
    `per list item`,
);
console.log(
  `  ${"scan of prices".padEnd(22)} ${scanMs.toFixed(0).padStart(6)} ms  ` +
    `${((scanMs * 1000) / totalPrices).toFixed(3).padStart(26)} µs per scanned row`,
);

const unit = Math.max(...rows.filter((r) => r.item === "row field").map((r) => r.usPerItem));
const per = (name: string) => rows.find((r) => r.name === name)!.usPerItem;
console.log(`\none unit (a row field) ≈ ${unit.toFixed(3)} µs; derived weights (current in brackets):`);
console.log(`  ARG_ITEM_COST      ${(coerceUs / unit).toFixed(4)}  [${units.ARG_ITEM_COST}]`);
console.log(`  ANALYZE_ITEM_COST  ${(per("analyzeReturns") / unit).toFixed(3)}  [${units.ANALYZE_ITEM_COST}]`);
console.log(
  `  STATEMENT_COST     ${(per("assets.totalCount") / unit).toFixed(0)}  [${units.STATEMENT_COST}]   (a count of a ` +
    `small table: the statement itself)`,
);
console.log(`  SCAN_ROW_COST      ${((scanMs * 1000) / totalPrices / unit).toFixed(3)}  [${units.SCAN_ROW_COST}]`);
console.log(`  MAX_QUERY_COST     ${Math.round(1e6 / unit)} units ≈ 1 s  [default ${loadConfig({}).limits.maxCost}]`);
const worst = Math.max(...rows.map((r) => r.usPerUnit));
console.log(
  `  with the current weights the slowest probe runs ${worst.toFixed(3)} µs per unit: ` +
    `${((worst * loadConfig({}).limits.maxCost) / 1e6).toFixed(2)} s at the default limit`,
);
await app.stop();
