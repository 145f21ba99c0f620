import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { assertReadyToServe, type AppConfig } from "./config.js";
import type { Context } from "./context.js";
import { createDb, type DbHandle } from "./db/create-db.js";
import { checkPooledStatementTimeout, migrateConfigured } from "./db/direct.js";
import { ReadRouter } from "./db/read-replicas.js";
import { DocumentStore } from "./graphql/document-store.js";
import { inputStringsPlugin } from "./graphql/input-strings.js";
import { compiledExecutor, executorGateway } from "./graphql/executor.js";
import { getSchema } from "./graphql/schema.js";
import { knownOperationTypesRule } from "./graphql/known-operation-types.js";
import { credentialLimitPlugin } from "./http/credential-limit.js";
import { cachePolicyPlugin } from "./http/cache-policy.js";
import { createFormatError } from "./http/format-error.js";
import { persistedQueriesOptions } from "./http/persisted-queries.js";
import { countingErrors, observeOperationPlugin } from "./http/observe-plugin.js";
import { protectionsPlugin } from "./http/protections.js";
import { tableStatsCache } from "./graphql/table-stats.js";
import { specStatusPlugin } from "./http/spec-status.js";
import { unavailableStatusPlugin } from "./http/unavailable-status.js";
import { createLogger } from "./logger.js";
import { LiveHub } from "./live/hub.js";
import { LiveListener } from "./live/listener.js";

/** The composition root: one database handle, one schema, one Apollo server per process. */
export interface App {
  config: AppConfig;
  log: Logger;
  database: DbHandle;
  /** Read replicas and read-your-writes (DATABASE_READ_URLS); null without replicas. */
  reads: ReadRouter | null;
  schema: GraphQLSchema;
  apollo: ApolloServer<Context>;
  /** Live updates: the process's subscribers and the listener that feeds them (src/live/). */
  live: { hub: LiveHub; listener: LiveListener };
  /** Parsed and compiled documents, bounded by GRAPHQL_DOCUMENT_CACHE_CHARS. */
  documents: DocumentStore;
  stop(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  /** Observe every SQL statement (tests count them). */
  onQuery?: (sql: string, ms: number) => void;
  /** Skip migrations (when the caller already ran them). */
  migrate?: boolean;
  /** Postgres schema to use (tests isolate themselves with one). */
  schema?: string;
  /**
   * "compiled" (default): graphql-jit, see src/graphql/executor.ts. "graphql-js": Apollo's
   * own executor, the reference that tests and bench/read.ts compare the compiled one with.
   */
  executor?: "compiled" | "graphql-js";
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  assertReadyToServe(config);
  const log = options.log ?? createLogger(config);
  const database = await createDb({
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    log,
    dataDir: config.dataDir,
    onQuery: options.onQuery,
    schema: options.schema,
    statementTimeoutMs: config.limits.queryTimeoutMs,
    poolMode: config.databasePoolMode,
  });
  let reads: ReadRouter | null = null;
  try {
    // Behind a transaction pooler, on DATABASE_DIRECT_URL (Kysely's migration lock is a session lock).
    if (options.migrate !== false) await migrateConfigured(config, { schema: database.schema, fallback: database });
    if (config.databasePoolMode === "transaction") await checkPooledStatementTimeout(database.db, config, log);
    if (database.engine === "postgres" && config.databaseReadUrls.length)
      reads = await ReadRouter.open(config, database, log);
    const schema = await getSchema();
    const persisted = await persistedQueriesOptions(config);
    const documents = new DocumentStore(config.limits.documentCacheChars);
    const apollo = new ApolloServer<Context>({
      // The schema comes with a compiled executor (graphql-jit) through Apollo's gateway
      // interface: Apollo's pipeline and plugins run as before, see src/graphql/executor.ts.
      ...(options.executor === "graphql-js"
        ? { schema }
        : { gateway: executorGateway(schema, compiledExecutor(schema)) }),
      csrfPrevention: true,
      validationRules: [knownOperationTypesRule],
      // `autoindex serve` drains on SIGTERM/SIGINT itself (src/http/drain.ts). Apollo's own handler
      // would stop the server at once and re-raise the signal, killing the process mid-drain.
      stopOnTerminationSignals: false,
      // Oversized documents are refused before or while parsing, in a few ms (QUERY_TOO_COMPLEX, see protections.ts).
      parseOptions: {
        maxSourceLength: config.limits.maxLength,
        maxTokens: config.limits.maxTokens,
        maxComments: config.limits.maxTokens,
      },
      // Apollo reads process.env.NODE_ENV itself (unset = development to it); give it ours, where unset = production.
      nodeEnv: config.env,
      introspection: config.introspection,
      // With introspection off, "Did you mean …?" would hand out the schema field by field.
      hideSchemaDetailsFromClientErrors: !config.introspection,
      persistedQueries: persisted.persistedQueries,
      // Bounded by source length, so distinct documents cannot grow the heap without end.
      documentStore: documents,
      includeStacktraceInErrorResponses: config.isDevelopment,
      formatError: countingErrors(createFormatError(log, config.isDevelopment)),
      logger: log,
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        // Before the protections: their cost estimate coerces the variables this plugin may refuse.
        inputStringsPlugin(),
        protectionsPlugin(
          schema,
          {
            maxDepth: config.limits.maxDepth,
            maxCost: config.limits.maxCost,
            maxNodes: config.limits.maxNodes,
            maxTokens: config.limits.maxTokens,
            maxLength: config.limits.maxLength,
          },
          tableStatsCache(database.db),
        ),
        credentialLimitPlugin(),
        specStatusPlugin(),
        // Cache-Control comes from the schema's declared scopes, without per-field hooks.
        ApolloServerPluginCacheControlDisabled(),
        cachePolicyPlugin(schema),
        ...persisted.plugins,
        observeOperationPlugin(),
        // After specStatusPlugin: a 503 wins over the request-error statuses.
        unavailableStatusPlugin(),
      ],
    });
    await apollo.start();
    const hub = new LiveHub(config.live.maxSubscriptions, config.live.maxQueuedEvents);
    const listener = new LiveListener({
      database,
      directUrl: config.databaseDirectUrl,
      hub,
      log,
      retentionSeconds: config.live.eventsRetentionSeconds,
    });
    return {
      config,
      log,
      database,
      reads,
      schema,
      apollo,
      live: { hub, listener },
      documents,
      async stop() {
        hub.closeAll();
        await listener.stop();
        await apollo.stop();
        await reads?.close();
        await database.close();
      },
    };
  } catch (err) {
    await reads?.close();
    await database.close();
    throw err;
  }
}
