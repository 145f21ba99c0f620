import type { EngineEventType } from "../analytics/engine/types.js";
import { badInput } from "../errors.js";
import { echo, echoList } from "../shared/strings.js";

/** The engine's closed set of event types (docs/methodology.md) plus the stored DROP_ALERT. */
export const ENGINE_EVENT_TYPES = [
  "DATE_DROPPED",
  "INCEPTION",
  "MOMENTUM_EQUAL_WEIGHT",
  "MARKET_CAP_EQUAL_WEIGHT",
  "RISK_PARITY_EQUAL_WEIGHT",
  "CAP_INFEASIBLE",
  "REBALANCE_SKIPPED",
  "FORCED_REBALANCE",
  "FORCED_REBALANCE_SKIPPED",
  "FORCED_SALE",
] as const satisfies readonly EngineEventType[];
// Compile-time check that the list above is exhaustive: fails to type-check when the engine adds a type.
const exhaustive: Exclude<EngineEventType, (typeof ENGINE_EVENT_TYPES)[number]> extends never ? true : false = true;
void exhaustive;

export const DROP_ALERT = "DROP_ALERT";
export const EVENT_TYPES: readonly string[] = [...ENGINE_EVENT_TYPES, DROP_ALERT];

/** Null (all types) or the given types, each one of EVENT_TYPES; otherwise BAD_USER_INPUT naming `types`. */
export function eventTypes(types: readonly string[] | null | undefined): string[] | null {
  if (types == null) return null;
  const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
  if (unknown.length) {
    // Quotes a bounded part of the client's list: an unknown list of 100,000 entries was echoed whole.
    throw badInput(`unknown event type ${echo(unknown[0])}`, [
      { field: "types", message: `unknown: ${echoList(unknown)}; expected one of ${EVENT_TYPES.join(", ")}` },
    ]);
  }
  return [...new Set(types)];
}
