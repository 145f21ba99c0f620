import { readFile } from "node:fs/promises";
import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import type { AppConfig } from "../config.js";
import { AppError, ErrorCode } from "../errors.js";
import { manifestOperations } from "../graphql/persisted-manifest.js";
import { ByteLru } from "./byte-lru.js";

type PersistedQueries = NonNullable<ApolloServerOptions<never>["persistedQueries"]>;
type Store = Exclude<PersistedQueries, false>["cache"];

/** Apollo's APQ store, bounded by bytes (documents are kept as UTF-16 strings: 2 bytes a character). */
function boundedStore(maxBytes: number): Store {
  const lru = new ByteLru<string>(maxBytes);
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, value) {
      lru.set(key, value, 2 * (key.length + value.length));
    },
    async delete(key) {
      lru.delete(key);
    },
  };
}

/** The registered operations as a read-only APQ store: a hash-only request finds its text; nothing can register. */
function manifestStore(operations: Map<string, string>): Store {
  return {
    async get(key) {
      // Apollo prefixes its keys ("apq:<sha256>").
      return operations.get(key.slice(key.lastIndexOf(":") + 1));
    },
    async set() {},
    async delete() {},
  };
}

/** PERSISTED_QUERIES=only: an operation whose text is not registered is refused before it runs. */
function registeredOnlyPlugin(operations: Map<string, string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!operations.has(queryHash))
            throw new AppError(
              ErrorCode.PERSISTED_QUERY_NOT_FOUND,
              "PersistedQueryNotFound: only registered operations are accepted",
              { http: { status: 400 } },
            );
        },
      };
    },
  };
}

/**
 * Apollo options for the configured mode: `apq` (default) automatic persisted queries with a
 * store bounded by APQ_CACHE_MAX_BYTES; `only` the operations of the manifest
 * (PERSISTED_QUERIES_MANIFEST, `npm run persisted:emit`) and nothing else; `off` neither.
 */
export async function persistedQueriesOptions(
  config: AppConfig,
): Promise<{ persistedQueries: PersistedQueries; plugins: ApolloServerPlugin[] }> {
  const { persistedQueries: mode, persistedQueriesManifest, apqCacheMaxBytes } = config.http;
  if (mode === "off") return { persistedQueries: false, plugins: [] };
  if (mode === "apq") return { persistedQueries: { cache: boundedStore(apqCacheMaxBytes), ttl: null }, plugins: [] };
  const operations = manifestOperations(JSON.parse(await readFile(persistedQueriesManifest, "utf8")));
  return {
    persistedQueries: { cache: manifestStore(operations), ttl: null },
    plugins: [registeredOnlyPlugin(operations)],
  };
}
