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
    describeRootTypes(cached);
    applyRequestBudgets(cached);
  }
  return cached;
}

/** type-graphql gives the root types no description; every element of the schema carries one. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query)
    query.description =
      "Reads. Public unless a field says otherwise; dates are 'YYYY-MM-DD', numbers decimals (docs/metrics.md). " +
      "Errors carry extensions.code (README, Protections and errors).";
  if (mutation)
    mutation.description =
      "Writes: sign-up and sessions for anyone, everything else admin only (UNAUTHENTICATED or FORBIDDEN). Each " +
      "mutation is all or nothing.";
  if (subscription)
    subscription.description =
      "Live updates over WebSocket (graphql-ws on /graphql; README, Live updates): each event is sent after its " +
      "transaction commits, to every process sharing the database.";
}

/** The SDL committed as schema/schema.graphql: sorted, so it diffs cleanly. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
