// Benchmark of the index engine and the recompute on the real S&P 500 data set
// (482 assets × 1,259 dates). Run from the repository root, without npm:
//
//   node --import @swc-node/register/esm-register bench/recompute.ts [--runs N]            # PGlite (in memory)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     node --import @swc-node/register/esm-register bench/recompute.ts [--runs N]          # PostgreSQL
//
// It loads ../shared/data/sp500-2015-2019 into a fresh database (an in-memory PGlite, or a
// bench_<random> schema dropped at the end), then times, best of N runs each:
//   read     — `select asset_id, date, close from prices`: the plain read of every price;
//   engine   — runEngine + the stored metric series on those inputs, in memory (no I/O);
//   recompute— the whole recomputeIndex (read, engine, metrics, atomic write of every table) into
//              an empty index (every row new), again with nothing changed (nothing written), and
//              after a strategy change that moves every target weight (every allocation rewritten);
//   preview  — previewStrategy with a changed config (cached inputs, engine, metrics).
// and prints the ratios the issue bounds: engine < 1 s, recompute ≤ 3 × read, preview ≤ 2 × engine;
// a broken bound makes it exit 1.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { runEngine } from "../src/analytics/engine/engine.js";
import { loadConfig } from "../src/config.js";
import { createDb } from "../src/db/create-db.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { toEngineConfig } from "../src/index/engine-config.js";
import { loadMarketData } from "../src/index/engine-input.repo.js";
import { previewStrategy } from "../src/index/preview.service.js";
import { computeIndex, recomputeIndex } from "../src/index/recompute.service.js";
import { importFile } from "../src/ingest/import.service.js";
import { getStrategyConfig } from "../src/strategy/strategy.repo.js";

const DATA = resolve(import.meta.dirname, "../../shared/data/sp500-2015-2019");
if (!existsSync(DATA)) {
  console.error(`bench: ${DATA} is absent; nothing to measure`);
  process.exit(2);
}
const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Math.max(1, Number(values.runs));
const url = loadConfig().databaseUrl;
const schema = url ? `bench_${randomBytes(4).toString("hex")}` : undefined;

/** Best of `runs` timings of fn (the first, coldest run shown beside it); `before` runs untimed ahead of each run. */
async function best<T>(
  label: string,
  fn: () => Promise<T> | T,
  before?: () => Promise<unknown>,
): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  const ms = Math.min(...times);
  console.log(
    `  ${label.padEnd(36)} ${(ms / 1000).toFixed(3)} s` +
      (runs > 1 ? `   (first run ${(times[0] / 1000).toFixed(3)} s)` : ""),
  );
  return { ms, value };
}

/** Every table a recompute writes. */
const DERIVED = [
  "index_values",
  "allocations",
  "index_rebalances",
  "index_events",
  "index_holding_periods",
  "data_quality_flags",
  "risk_metrics",
];

const handle = await createDb({ databaseUrl: url, dataDir: "memory://", schema });
const tmp = mkdtempSync(join(tmpdir(), "autoindex-bench-"));
try {
  await migrateToLatest(handle.db, schema);
  const { db } = handle;
  const t0 = performance.now();
  await db.transaction().execute((trx) => importFile(trx, "assets", join(DATA, "assets.csv")));
  const imported = await db.transaction().execute((trx) =>
    importFile(trx, "prices", join(DATA, "prices.csv.gz"), {
      skipInvalid: true,
      rejectedFile: join(tmp, "rejected.csv"),
    }),
  );
  console.log(
    `${handle.engine}: loaded ${imported.inserted} prices in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `best of ${runs} run(s):`,
  );

  const read = await best("read all prices (plain select)", () =>
    sql`select asset_id, date, close from prices`.execute(db),
  );
  const market = await loadMarketData(db);
  const config = toEngineConfig(await getStrategyConfig(db));
  const engine = await best("engine + metric series (no I/O)", () =>
    computeIndex(runEngine({ ...market, config }), config.riskFreeRate),
  );
  // Into an empty index every row is new; with nothing changed nothing is written; a strategy
  // change moves every target weight, so every allocation row is rewritten.
  const cold = await best(
    "whole recompute, first (all new)",
    () => db.transaction().execute(recomputeIndex),
    () => sql.raw(`truncate ${DERIVED.join(", ")}`).execute(db),
  );
  const recompute = await best("whole recompute, again (no change)", () => db.transaction().execute(recomputeIndex));
  let flip = false;
  const changed = await best(
    "whole recompute, every weight moved",
    () => db.transaction().execute(recomputeIndex),
    () => {
      flip = !flip;
      const [m, c] = flip ? [0.5, 0.2] : [0.4, 0.3];
      return db.updateTable("strategy_configs").set({ momentum_weight: m, market_cap_weight: c }).execute();
    },
  );
  await previewStrategy(db, {}); // warm the market-data cache, as a second preview in a session would be
  const preview = await best("previewStrategy (monthly, capped)", () =>
    previewStrategy(db, { rebalanceFrequency: "monthly", maxAssetWeight: 0.05 }),
  );

  const s = cold.value;
  console.log(
    `  recompute parts: read ${s.timings.readMs} ms, engine ${s.timings.engineMs} ms, metrics ` +
      `${s.timings.metricsMs} ms, write ${s.timings.writeMs} ms`,
  );
  console.log(
    `  ${s.tradingDates} trading dates, ${s.rebalances} rebalances, ${s.flaggedPrices} flagged prices, level ` +
      `${s.latestLevel?.toFixed(2)} on ${s.latestDate}`,
  );
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `RESULT ${handle.engine}: engine ${(engine.ms / 1000).toFixed(3)} s (limit 1 s) | recompute/read first ` +
      `${ratio(cold.ms, read.ms)}, again ${ratio(recompute.ms, read.ms)}, weights moved ` +
      `${ratio(changed.ms, read.ms)} (limit 3) | preview/engine ${ratio(preview.ms, engine.ms)} (limit 2)`,
  );
  // The bounds: a broken one fails the run (exit 1), naming it.
  const broken = [
    engine.ms > 1000 && "engine ≥ 1 s",
    ...[cold, recompute, changed].map(
      (r, i) => r.ms > 3 * read.ms && `recompute (${["first", "again", "weights moved"][i]}) > 3 × read`,
    ),
    preview.ms > 2 * engine.ms && "preview > 2 × engine",
  ].filter(Boolean);
  if (broken.length) {
    console.log(`FAILED: ${broken.join("; ")}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
  rmSync(tmp, { recursive: true, force: true });
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`).finally(() => client.end());
  }
}
