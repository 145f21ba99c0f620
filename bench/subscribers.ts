/**
 * 1,000 concurrent subscribers on one process: each must receive an event within 1 s of the
 * commit. Prints memory per subscriber (RSS and heap before and after connecting them) and
 * event latency p50/p99 (commit → each client's message), over several events.
 *
 *   node --import @swc-node/register/esm-register bench/subscribers.ts [--subscribers N] [--events N]
 * PGlite, or Postgres with DATABASE_URL (a throwaway schema).
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import WebSocket from "ws";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { startHttpServer } from "../src/http/server.js";
import { appendLiveEvent } from "../src/live/live-events.repo.js";
import { LiveTopic } from "../src/live/topics.js";

const { values } = parseArgs({
  options: { subscribers: { type: "string", default: "1000" }, events: { type: "string", default: "20" } },
});
const N = Number(values.subscribers);
const EVENTS = Number(values.events);
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const schema = DATABASE_URL ? `bench_${randomBytes(4).toString("hex")}` : undefined;

const config = loadConfig(
  {},
  {
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    AUTOINDEX_DATA_DIR: "memory://",
    HTTP_MAX_CONNECTIONS: N + 100,
    LIVE_KEEPALIVE_MS: 0,
    ...(DATABASE_URL ? { DATABASE_URL } : {}),
  },
);
const app = await createApp(config, { schema });
const server = await startHttpServer(app, 0, "127.0.0.1");
const mib = (b: number) => b / 1024 / 1024;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
};
// Warm the listener and the schema's subscribe path with one subscriber, so the figures below
// are per subscriber only.
const received: number[][] = [];
const clients: WebSocket[] = [];
const sentAt = new Map<string, number>();
function connect(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    received[i] = [];
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init" })));
    ws.on("error", reject);
    ws.on("message", (data) => {
      const m = JSON.parse(String(data));
      if (m.type === "connection_ack") {
        ws.send(
          JSON.stringify({
            id: "1",
            type: "subscribe",
            payload: { query: "subscription { indexUpdated { eventId } }" },
          }),
        );
        resolve();
      } else if (m.type === "next") {
        const at = sentAt.get(m.payload.data.indexUpdated.eventId);
        if (at !== undefined) received[i].push(performance.now() - at);
      } else if (m.type === "error") reject(new Error(JSON.stringify(m.payload)));
    });
    clients.push(ws);
  });
}
// The clients live in this process too: measure the server's share by connecting from a
// child? Simpler and honest: measure the process before and after, clients included, and
// report both sides' cost together as an upper bound of the server's.
await connect(N); // warm-up subscriber (not counted)
await new Promise((r) => setTimeout(r, 300));
await settle();
const before = process.memoryUsage();
for (let i = 0; i < N; i += 100)
  await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, k) => connect(i + k)));
while (app.live.hub.subscriptions < N + 1) await new Promise((r) => setTimeout(r, 20));
await settle();
const after = process.memoryUsage();

for (let e = 0; e < EVENTS; e++) {
  const t0 = performance.now();
  const id = await app.database.db.transaction().execute(async (trx) => {
    return appendLiveEvent(trx, LiveTopic.INDEX_UPDATED, { latestDate: "2025-01-01" });
  });
  sentAt.set(String(id), t0);
  const deadline = performance.now() + 5000;
  while (received.slice(0, N).some((r) => r.length <= e) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
}
const latencies = received
  .slice(0, N)
  .flat()
  .sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
const late = received.slice(0, N).filter((r) => r.length < EVENTS || r.some((ms) => ms > 1000)).length;
console.log(`engine ${app.database.engine}, ${N} subscribers (one WebSocket each), ${EVENTS} events`);
console.log(
  `memory per subscriber (server and client sockets in this one process, an upper bound of the server's): ` +
    `RSS ${((after.rss - before.rss) / N / 1024).toFixed(1)} KiB, ` +
    `heap ${((after.heapUsed - before.heapUsed) / N / 1024).toFixed(1)} KiB`,
);
console.log(
  `RSS ${mib(before.rss).toFixed(0)} → ${mib(after.rss).toFixed(0)} MiB; ` +
    `heap ${mib(before.heapUsed).toFixed(0)} → ${mib(after.heapUsed).toFixed(0)} MiB`,
);
console.log(
  `latency commit → client: p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, ` +
    `max ${latencies.at(-1)?.toFixed(1)} ms; ` +
    `deliveries ${latencies.length}/${N * EVENTS}; subscribers late (>1 s) or missing an event: ${late}`,
);
for (const ws of clients) ws.terminate();
await server.close();
if (schema) {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
}
process.exit(late === 0 ? 0 : 1);
