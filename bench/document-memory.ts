/**
 * What the parsed-document cache (DocumentStore, GRAPHQL_DOCUMENT_CACHE_CHARS) costs in heap, and
 * that a stream of distinct documents leaves nothing else behind. Two servers in this process,
 * one after the other, on the demo data in memory: the baseline with the cache off (0 characters),
 * then the cache at the given size. Each receives the same distinct documents (valid ones generated
 * from the schema by the fuzzer, resilience/fuzz-generate.ts) over HTTP; the V8 heap is read after
 * two full collections at every step.
 *
 *   node --expose-gc --import @swc-node/register/esm-register bench/document-memory.ts \
 *     [--documents 6000] [--chars 250000]
 *
 * Prints, per step, the heap growth of each server and the cache's contents, then the heap per
 * cached character and the ratio of the cached server's growth to the baseline's.
 */
import "reflect-metadata";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { seedDemoData } from "../src/demo/demo.service.js";
import { getSchema } from "../src/graphql/schema.js";
import { startHttpServer } from "../src/http/server.js";
import { recomputeIndex } from "../src/index/recompute.service.js";
import { generateCase } from "../resilience/fuzz-generate.js";

const { values } = parseArgs({
  options: { documents: { type: "string", default: "6000" }, chars: { type: "string" } },
});
const DOCUMENTS = Number(values.documents);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const schema = await getSchema();
const defaultChars = loadConfig({}).limits.documentCacheChars;
const CHARS = values.chars === undefined ? defaultChars : Number(values.chars);
const STEPS = 6;

/** The valid documents of the fuzzer's seed 42, each distinct (alias names and arguments vary). */
const documents: { query: string; variables: Record<string, unknown> }[] = [];
for (let i = 0; documents.length < DOCUMENTS; i++) {
  const c = generateCase(schema, 42, i, 0);
  const p = c.payload as { query?: unknown; variables?: unknown } | undefined;
  if (c.method === "POST" && typeof p?.query === "string")
    documents.push({ query: p.query, variables: (p.variables as Record<string, unknown>) ?? {} });
}

const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function run(cacheChars: number): Promise<{ growth: number[]; chars: number; docs: number }> {
  const config = loadConfig(
    {},
    {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      AUTOINDEX_DATA_DIR: "memory://",
      GRAPHQL_DOCUMENT_CACHE_CHARS: cacheChars,
    },
  );
  const app = await createApp(config);
  await app.database.db.transaction().execute((trx) => seedDemoData(trx));
  await app.database.db.transaction().execute(recomputeIndex);
  const server = await startHttpServer(app, 0, "127.0.0.1");
  const post = (d: (typeof documents)[number]) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "apollo-require-preflight": "1" },
      body: JSON.stringify(d),
    }).then((r) => r.arrayBuffer());
  // Warm-up: the same few documents, so that the start-up's lazy work is not counted as growth.
  for (let i = 0; i < 200; i++) await post(documents[i % 20]!);
  const start = heapMiB();
  const growth: number[] = [];
  const perStep = Math.ceil(documents.length / STEPS);
  for (let step = 0; step < STEPS; step++) {
    const batch = documents.slice(step * perStep, (step + 1) * perStep);
    for (let i = 0; i < batch.length; i += 4) await Promise.all(batch.slice(i, i + 4).map(post));
    growth.push(heapMiB() - start);
  }
  const { chars, documents: docs } = app.documents.size;
  await server.close();
  return { growth, chars, docs };
}

console.log(`${documents.length} distinct documents, Node ${process.version}; heap growth after GC (MiB):`);
const base = await run(0);
const cached = await run(CHARS);
const perStep = Math.ceil(documents.length / STEPS);
console.log(`  documents   cache off   cache ${CHARS.toLocaleString("en-US")} chars`);
for (let i = 0; i < STEPS; i++)
  console.log(
    `  ${String(Math.min((i + 1) * perStep, documents.length)).padStart(9)}   ` +
      `${base.growth[i]!.toFixed(1).padStart(9)}   ${cached.growth[i]!.toFixed(1).padStart(9)}`,
  );
const last = STEPS - 1;
const half = STEPS / 2 - 1;
const extra = cached.growth[last]! - base.growth[last]!;
const perChar =
  cached.chars > 0 ? `${((extra * 2 ** 20) / cached.chars).toFixed(0)} bytes of heap per cached character` : "";
console.log(
  `cache at the end: ${cached.docs} documents, ${cached.chars.toLocaleString("en-US")} characters; ${perChar}`,
);
const lateGrowth = (g: number[]) => (g[last]! - g[half]!).toFixed(1);
console.log(
  `growth over the last half of the run: cache off ${lateGrowth(base.growth)} MiB, ` +
    `cached ${lateGrowth(cached.growth)} MiB; final growth cached / off: ` +
    `${(cached.growth[last]! / Math.max(0.1, base.growth[last]!)).toFixed(2)}`,
);
