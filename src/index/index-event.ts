import { IndexEventType, parseEventDetail } from "./index-event.enum.js";
import type { IndexEvent } from "./index-event.type.js";

export const DROP_ALERT = IndexEventType.DROP_ALERT;

/**
 * Null (all types) or the given types without repeats. GraphQL already refused any value outside
 * IndexEventType (GRAPHQL_VALIDATION_FAILED for a literal, BAD_USER_INPUT for a variable).
 */
export function eventTypes(types: readonly IndexEventType[] | null | undefined): IndexEventType[] | null {
  return types == null ? null : [...new Set(types)];
}

/** A stored or previewed event as the GraphQL type: the stored type and detail, with the detail's typed parts. */
export function toIndexEvent(e: {
  date: string;
  type: string;
  assetId: number | null;
  detail: string | null;
  value: number | null;
}): IndexEvent {
  return { ...e, type: e.type as IndexEventType, ...parseEventDetail(e.detail) };
}
