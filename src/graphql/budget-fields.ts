import {
  defaultFieldResolver,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import type { Context } from "../context.js";
import { sqlState } from "../errors.js";
import { budgetOf, timeoutError } from "./budget.js";

/** SQLSTATE of a statement cancelled by statement_timeout. */
const QUERY_CANCELED = "57014";

const returnsList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/**
 * Puts every root field and every list-returning field behind the request's time budget
 * (src/graphql/budget.ts): they await a checkpoint before they run and before their value is
 * completed, which yields to the event loop when the request has held it for a while and
 * cancels the rest of the request past the deadline. A statement
 * cancelled by Postgres's statement_timeout is reported as the same TIMEOUT. Leaf fields of
 * plain objects stay unwrapped: they do no work of their own.
 */
export function applyRequestBudgets(schema: GraphQLSchema): void {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!roots.has(type) && !returnsList(field.type)) continue;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (
        source: unknown,
        args: Record<string, unknown>,
        ctx: Context,
        info: GraphQLResolveInfo,
      ) => {
        const timeoutMs = ctx.config.limits.queryTimeoutMs;
        const budget = budgetOf(ctx, timeoutMs, ctx.config.limits.querySliceMs);
        await budget.checkpoint();
        let value: unknown;
        try {
          value = await resolve(source, args, ctx, info);
        } catch (err) {
          throw sqlState(err) === QUERY_CANCELED ? timeoutError(timeoutMs) : err;
        }
        // Again before graphql-js completes the value: sibling fields whose data arrived
        // together (one batched statement) are then completed a slice at a time.
        await budget.checkpoint();
        return value;
      };
    }
  }
}
