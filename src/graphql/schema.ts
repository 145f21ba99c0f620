import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { applyRequestBudgets } from "./budget-fields.js";
import { inProcessPubSub } from "../live/pubsub.js";
import { resolvers } from "./resolvers.js";

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process from the decorated classes. */
export async function getSchema(): Promise<GraphQLSchema> {
  if (!cached) {
    cached = await buildSchema({ resolvers, validate: false, pubSub: inProcessPubSub() });
    applyRequestBudgets(cached);
  }
  return cached;
}

/** The SDL committed as schema/schema.graphql: sorted, so it diffs cleanly. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
