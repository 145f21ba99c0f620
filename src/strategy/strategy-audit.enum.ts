import { registerEnumType } from "type-graphql";
import type { ChangeKind } from "./strategy.service.js";

/** Which mutation wrote an audit entry: keys are the GraphQL names, values what the entry's `kind` stores. */
export const StrategyChangeKind = {
  UPDATE: "update",
  AI_ADJUSTMENT: "ai_adjustment",
  FORCE_REBALANCE: "force_rebalance",
} as const satisfies Record<string, ChangeKind>;
export type StrategyChangeKind = (typeof StrategyChangeKind)[keyof typeof StrategyChangeKind];

/** How the author of an audit entry signed in: keys are the GraphQL names, values what `actor` stores. */
export const StrategyChangeActor = {
  USER: "user",
  ADMIN_TOKEN: "admin-token",
} as const;
export type StrategyChangeActor = (typeof StrategyChangeActor)[keyof typeof StrategyChangeActor];

// Compile-time: every ChangeKind has a GraphQL name (a new kind fails to type-check here).
const kinds: Exclude<ChangeKind, StrategyChangeKind> extends never ? true : false = true;
void kinds;

/** A stored value as the enum, or null for a value this API does not know (entries of older code or imports). */
export function storedEnumValue<T extends string>(values: Record<string, T>, stored: unknown): T | null {
  return Object.values(values).find((v) => v === stored) ?? null;
}

registerEnumType(StrategyChangeKind, {
  name: "StrategyChangeKind",
  description: "Which admin mutation wrote a strategy audit entry.",
  valuesConfig: {
    UPDATE: { description: "updateStrategyConfig: strategy parameters changed." },
    AI_ADJUSTMENT: {
      description:
        "applyAiAdjustment: parameters changed on an AI proposal (aiAdjusted, its reason and confidence set).",
    },
    FORCE_REBALANCE: { description: "forceRebalance: a rebalance on the latest trading date was requested." },
  },
});

registerEnumType(StrategyChangeActor, {
  name: "StrategyChangeActor",
  description: "How the author of a strategy audit entry signed in.",
  valuesConfig: {
    USER: { description: "An admin user with a bearer JWT (see StrategyAdjustment.userId)." },
    ADMIN_TOKEN: { description: "The machine client presenting ADMIN_TOKEN in x-admin-token (no userId)." },
  },
});
