// The server side of bench/read.ts, one process per server so its CPU and memory can be read
// from /proc. Not for use on its own. Prints `listening <url>` once it accepts requests.
//   --mode app --executor compiled|graphql-js   the AutoIndex HTTP server (createApp + startHttpServer)
//   --mode floor                                 node:http + ONE SQL statement that builds the whole
//                                                Q1 response (the floor of any GraphQL server)
// Env: DATABASE_URL (else PGlite in AUTOINDEX_DATA_DIR), BENCH_SCHEMA (Postgres schema), BENCH_FROM/BENCH_TO.
import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createApp } from "../src/app.js";
import { tuneHeapForServing } from "../src/cli/serve.command.js";
import { loadConfig } from "../src/config.js";
import { createDb } from "../src/db/create-db.js";
import { startHttpServer } from "../src/http/server.js";

const { values } = parseArgs({
  options: { mode: { type: "string", default: "app" }, executor: { type: "string", default: "compiled" } },
});
const schema = process.env.BENCH_SCHEMA || undefined;
const config = loadConfig();

if (values.mode === "floor") {
  const handle = await createDb({
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize,
    dataDir: config.dataDir,
    schema,
  });
  const from = process.env.BENCH_FROM!;
  const to = process.env.BENCH_TO!;
  // The same answer as AutoIndex's Q1 (first 50 assets in symbol order, their closes by date), built by Postgres.
  const q1 = () =>
    sql<{ body: string }>`
    select json_build_object('data', json_build_object('assets', json_build_object('edges', coalesce(json_agg(
             json_build_object('node', json_build_object('symbol', a.symbol, 'prices',
               (select coalesce(json_agg(x order by x.date), '[]'::json)
                  from (select p.date, p.close from prices p where p.asset_id = a.id and p.date between ${from}::date
                    and ${to}::date) x)))
             order by a.symbol), '[]'::json))))::text as body
    from (select id, symbol from assets order by symbol limit 50) a`.execute(handle.db);
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      q1().then(
        ({ rows: [row] }) => {
          res.writeHead(200, {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(row.body),
          });
          res.end(row.body);
        },
        (err: Error) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ errors: [{ message: err.message }] }));
        },
      );
    });
  });
  server.listen(0, "127.0.0.1", () =>
    console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`),
  );
} else {
  tuneHeapForServing(); // as `autoindex serve` does
  const executor = values.executor === "graphql-js" ? "graphql-js" : "compiled";
  const app = await createApp(config, { schema, migrate: false, executor });
  const running = await startHttpServer(app, 0, "127.0.0.1");
  console.log(`listening ${running.url}/graphql`);
  process.once("SIGTERM", () => void running.close().then(() => process.exit(0)));
}
