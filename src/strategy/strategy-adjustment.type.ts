import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { AdjustmentEntry } from "../db/schema.js";
import { connectionTypes } from "../graphql/pagination.js";
import { storedEnum } from "../graphql/stored-enum.js";

/** The kinds of audited strategy change, as stored in adjustment_history (the database keeps its values). */
export const STRATEGY_CHANGE_KINDS = {
  update: "updateStrategyConfig: parameters changed by an admin.",
  ai_adjustment: "applyAiAdjustment: an AI-proposed change, with its reason and confidence.",
  force_rebalance: "forceRebalance: the next computation rebalances on the latest trading date.",
} as const;
export type StrategyChangeKind = keyof typeof STRATEGY_CHANGE_KINDS;
const StrategyChangeKindEnum = storedEnum(
  "StrategyChangeKind",
  "What kind of strategy write an audit entry records.",
  STRATEGY_CHANGE_KINDS,
);

/** Who made an audited change, as stored in adjustment_history. */
export const STRATEGY_ACTORS = {
  user: "A signed-in admin user (userId says who).",
  "admin-token": "The machine client authenticated by x-admin-token (userId is null).",
} as const;
export type StrategyActor = keyof typeof STRATEGY_ACTORS;
const StrategyActorEnum = storedEnum("StrategyActor", "Who made an audited strategy change.", STRATEGY_ACTORS);

/** A stored value of a closed set, or null when an older entry holds something else (or nothing). */
const known = <V extends string>(set: Readonly<Record<V, string>>, v: string | undefined): V | null =>
  v !== undefined && Object.hasOwn(set, v) ? (v as V) : null;

@ObjectType({ description: "One changed field of an audit entry." })
export class StrategyFieldChange {
  @Field(() => String, { description: "API name of the field, e.g. momentumWeight." }) field!: string;
  @Field(() => GraphQLJSON, { nullable: true }) from!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) to!: unknown;
}

@ObjectType({ description: "One entry of the strategy audit trail (adjustment_history)." })
export class StrategyAdjustment {
  @Field(() => String, { description: "ISO-8601 UTC timestamp of the write." }) timestamp!: string;
  @Field(() => StrategyChangeKindEnum, {
    nullable: true,
    description: "What the write was (null for entries older than this API).",
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
  @Field(() => StrategyActorEnum, {
    nullable: true,
    description: "Who wrote it (null for entries older than this API).",
  })
  actor!: StrategyActor | null;
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
    kind: known(STRATEGY_CHANGE_KINDS, e.kind),
    version: e.version ?? null,
    userId: e.userId ?? e.user_id ?? null,
    actor: known(STRATEGY_ACTORS, e.actor),
    reason: e.reason ?? "",
    changes,
  };
}
