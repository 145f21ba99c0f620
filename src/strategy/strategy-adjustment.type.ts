import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { AdjustmentEntry } from "../db/schema.js";
import { connectionTypes } from "../graphql/pagination.js";

@ObjectType({ description: "One changed field of an audit entry." })
export class StrategyFieldChange {
  @Field(() => String, { description: "API name of the field, e.g. momentumWeight." }) field!: string;
  @Field(() => GraphQLJSON, { nullable: true }) from!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) to!: unknown;
}

@ObjectType({ description: "One entry of the strategy audit trail (adjustment_history)." })
export class StrategyAdjustment {
  @Field(() => String, { description: "ISO-8601 UTC timestamp of the write." }) timestamp!: string;
  @Field(() => String, {
    nullable: true,
    description: "update | ai_adjustment | force_rebalance (null for entries older than this API).",
  })
  kind!: string | null;
  @Field(() => Int, { nullable: true, description: "The configuration version this write produced." }) version!:
    | number
    | null;
  @Field(() => ID, {
    nullable: true,
    description: "The user who made the change; null for the ADMIN_TOKEN machine client.",
  })
  userId!: number | null;
  @Field(() => String, { nullable: true, description: "user | admin-token" }) actor!: string | null;
  @Field(() => String) reason!: string;
  @Field(() => [StrategyFieldChange], { description: "Only the fields whose value really changed." })
  changes!: StrategyFieldChange[];
}

/** Page size of `strategyHistory` without `first`. */
export const STRATEGY_HISTORY_PAGE_DEFAULT = 20;

export const { EdgeType: StrategyAdjustmentEdge, ConnectionType: StrategyAdjustmentConnection } = connectionTypes(
  "StrategyAdjustment",
  () => StrategyAdjustment,
  STRATEGY_HISTORY_PAGE_DEFAULT,
);

/** The stored JSON entry as the GraphQL type (tolerates the seed's older shape: user_id, bare values). */
export function toStrategyAdjustment(e: AdjustmentEntry & { user_id?: number | null }): StrategyAdjustment {
  const changes = Object.entries(e.changes ?? {}).map(([field, c]) =>
    c !== null && typeof c === "object" && "to" in c
      ? { field, from: c.from ?? null, to: c.to ?? null }
      : { field, from: null, to: c ?? null },
  );
  return {
    timestamp: e.timestamp,
    kind: e.kind ?? null,
    version: e.version ?? null,
    userId: e.userId ?? e.user_id ?? null,
    actor: e.actor ?? null,
    reason: e.reason ?? "",
    changes,
  };
}
