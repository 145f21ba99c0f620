import { Field, ID, Int, ObjectType } from "type-graphql";
import type { AdjustmentEntry } from "../db/schema.js";
import { JSONScalar } from "../graphql/json-scalar.js";
import { connectionTypes } from "../graphql/pagination.js";
import { StrategyChangeActor, StrategyChangeKind, storedEnumValue } from "./strategy-audit.enum.js";

@ObjectType({ description: "One changed field of an audit entry." })
export class StrategyFieldChange {
  @Field(() => String, {
    description:
      "The StrategyConfig field name, e.g. momentumWeight (entries older than this API may hold the column " +
      "name, e.g. momentum_weight).",
  })
  field!: string;
  @Field(() => JSONScalar, {
    nullable: true,
    description: "The value before the change, as StrategyConfig returns it; null when it was null or not recorded.",
  })
  from!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: "The value after the change; null when cleared." })
  to!: unknown;
}

@ObjectType({ description: "One entry of the strategy audit trail (adjustment_history)." })
export class StrategyAdjustment {
  @Field(() => String, {
    description:
      "When the change was written: ISO 8601 at UTC, 2026-01-15T10:30:00.000Z (older entries may lack the ms).",
  })
  timestamp!: string;
  @Field(() => StrategyChangeKind, {
    nullable: true,
    description: "Which mutation wrote the entry; null for entries older than this API.",
  })
  kind!: StrategyChangeKind | null;
  @Field(() => Int, { nullable: true, description: "The configuration version this write produced." }) version!:
    | number
    | null;
  @Field(() => ID, {
    nullable: true,
    description: "The user who made the change; null for the ADMIN_TOKEN machine client.",
  })
  userId!: number | null;
  @Field(() => StrategyChangeActor, {
    nullable: true,
    description: "How the author signed in; null for entries older than this API.",
  })
  actor!: StrategyChangeActor | null;
  @Field(() => String, { description: "Why, as given to the mutation (1 to 500 characters); empty for old entries." })
  reason!: string;
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
    kind: storedEnumValue(StrategyChangeKind, e.kind),
    version: e.version ?? null,
    userId: e.userId ?? e.user_id ?? null,
    actor: storedEnumValue(StrategyChangeActor, e.actor),
    reason: e.reason ?? "",
    changes,
  };
}
