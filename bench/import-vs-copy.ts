// Benchmark: `autoindex import prices` (streamed CSV → batched unnest upserts) against psql \copy
// of the same rows, on PostgreSQL. Run from the repository root, without npm:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     node --import @swc-node/register/esm-register bench/import-vs-copy.ts [--runs N] [--batch-size N]
//
// It creates its own schema (bench_<random>), migrates it, imports ../shared/data/sp500-2015-2019
// (assets.csv, then prices.csv.gz with --skip-invalid: 592,355 distinct valid rows), exports those
// rows with asset ids to a temporary CSV, then times `psql -c "\copy ..."` of that CSV into:
//   - "equivalent": the prices table's DDL without its update trigger (fires on UPDATE only):
//     same columns and defaults (bigserial id, timestamps), the close and date-range checks,
//     unique (asset_id, date), the date index, and the foreign key to assets. This is the work the import must do.
//   - "bare": the same without the foreign key (a lower bound: COPY with no integrity check).
// The ratio is import seconds / \copy seconds (best of N runs each). The schema is dropped at the end.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { loadConfig } from "../src/config.js";
import { createDb } from "../src/db/create-db.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { importFile } from "../src/ingest/import.service.js";

const DATA = resolve(import.meta.dirname, "../../shared/data/sp500-2015-2019");
const { values } = parseArgs({
  options: { runs: { type: "string", default: "1" }, "batch-size": { type: "string", default: "10000" } },
});
const runs = Number(values.runs);
const batchSize = Number(values["batch-size"]);
const url = loadConfig().databaseUrl;
if (!url) throw new Error("set DATABASE_URL (this benchmark runs on PostgreSQL)");

const schema = `bench_${Math.random().toString(36).slice(2, 10)}`;
const tmp = mkdtempSync(join(tmpdir(), "import-bench-"));
const handle = await createDb({ databaseUrl: url, schema, poolSize: 2 });
const db = handle.db;

function psql(command: string): number {
  const started = performance.now();
  const r = spawnSync("psql", [url!, "-v", "ON_ERROR_STOP=1", "-qc", command], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

const table = (name: string, fk: boolean) =>
  sql.raw(`
  drop table if exists ${schema}.${name};
  create table ${schema}.${name} (
    id bigserial primary key,
    asset_id integer not null ${fk ? `references ${schema}.assets(id) on delete restrict` : ""},
    date date not null,
    close double precision not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ${name}_uc unique (asset_id, date),
    constraint ${name}_close check (close > 0 and close < 'Infinity'::float8),
    constraint ${name}_date_range check (date between '0001-01-01' and '9999-12-31'));
  create index ${name}_date on ${schema}.${name} (date);`);

try {
  await migrateToLatest(db, schema);
  await db.transaction().execute((trx) => importFile(trx, "assets", join(DATA, "assets.csv")));
  const best = { import: Infinity, reimport: Infinity, copyEq: Infinity, copyBare: Infinity };
  let rows = 0;
  const csv = join(tmp, "prices-with-ids.csv");
  for (let run = 1; run <= runs; run++) {
    await sql`truncate prices`.execute(db);
    await sql`checkpoint`.execute(db);
    const s = await db.transaction().execute((trx) =>
      importFile(trx, "prices", join(DATA, "prices.csv.gz"), {
        skipInvalid: true,
        rejectedFile: join(tmp, "rejected.csv"),
        batchSize,
      }),
    );
    rows = s.inserted;
    best.import = Math.min(best.import, s.seconds);
    best.reimport = Math.min(
      best.reimport,
      (
        await db.transaction().execute((trx) =>
          importFile(trx, "prices", join(DATA, "prices.csv.gz"), {
            skipInvalid: true,
            rejectedFile: join(tmp, "rejected.csv"),
            batchSize,
          }),
        )
      ).seconds,
    );
    if (run === 1) psql(`\\copy (select asset_id, date, close from ${schema}.prices order by id) to '${csv}' csv`);
    for (const [key, name, fk] of [
      ["copyEq", "copy_equivalent", true],
      ["copyBare", "copy_bare", false],
    ] as const) {
      await table(name, fk).execute(db);
      await sql`checkpoint`.execute(db);
      best[key] = Math.min(best[key], psql(`\\copy ${schema}.${name} (asset_id, date, close) from '${csv}' csv`));
    }
  }
  const f = (x: number) => x.toFixed(2).padStart(7);
  console.log(`rows                              ${rows}`);
  console.log(`import (stream+validate+upsert)   ${f(best.import)} s   (batch ${batchSize}, best of ${runs})`);
  console.log(`re-import (all unchanged)         ${f(best.reimport)} s`);
  console.log(
    `\\copy into equivalent table       ${f(best.copyEq)} s   ratio ${(best.import / best.copyEq).toFixed(2)}x  ` +
      `(same columns, checks, unique (asset_id,date), date index, FK)`,
  );
  console.log(
    `\\copy into bare table (no FK)     ${f(best.copyBare)} s   ratio ${(best.import / best.copyBare).toFixed(2)}x`,
  );
} finally {
  await sql.raw(`drop schema if exists ${schema} cascade`).execute(db);
  await handle.close();
  rmSync(tmp, { recursive: true, force: true });
}
