import { Arg, Ctx, Root, Subscription, Resolver, type SubscribeResolverData } from "type-graphql";
import { requireViewer } from "../auth/guards.js";
import type { Context } from "../context.js";
import { AppError, badInput, ErrorCode } from "../errors.js";
import { toStrategyAdjustment } from "../strategy/strategy-adjustment.type.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import type { LiveEvent, LiveStream } from "./hub.js";
import { AlertsRaised, IndexUpdate, PricesUpdate, StrategyChangeEvent } from "./live.type.js";
import {
  LiveTopic,
  type AlertRaisedPayload,
  type IndexUpdatedPayload,
  type PricesUpdatedPayload,
  type StrategyChangedPayload,
} from "./topics.js";

/** Most symbols a pricesUpdated filter may name (each is matched against every event). */
export const MAX_FILTER_SYMBOLS = 500;

/**
 * The subscriber's stream from the connection's live session (src/live/ws-server.ts). The
 * hub is per app, not per schema build, so it travels in the context; over HTTP there is none.
 */
function streamOf<P>(ctx: Context, topic: LiveTopic, accepts: (p: P) => boolean = () => true): LiveStream<P> {
  if (!ctx.live)
    throw new AppError(
      ErrorCode.BAD_REQUEST,
      "subscriptions are served over WebSocket (graphql-transport-ws protocol) at /graphql, not over HTTP",
    );
  return ctx.live.subscribe<P>(topic, accepts);
}

const subscribeWith =
  <P>(
    topic: LiveTopic,
    guard?: (ctx: Context) => void,
    accepts?: (args: Record<string, unknown>) => (p: P) => boolean,
  ) =>
  ({ context, args }: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
    guard?.(context);
    return streamOf<P>(context, topic, accepts?.(args));
  };

/** Public events (their data is public through queries too) and strategyChanged for signed-in viewers. */
@Resolver()
export class LiveResolver {
  @Subscription(() => IndexUpdate, {
    description: "After every recompute commits (any process): the latest date and level, and what changed.",
    subscribe: subscribeWith<IndexUpdatedPayload>(LiveTopic.INDEX_UPDATED),
  })
  indexUpdated(@Root() event: LiveEvent<IndexUpdatedPayload>): IndexUpdate {
    return { eventId: String(event.id), ...event.payload };
  }

  @Subscription(() => AlertsRaised, {
    description: "After a recompute commits that raised drop alerts the stored index did not have.",
    subscribe: subscribeWith<AlertRaisedPayload>(LiveTopic.ALERT_RAISED),
  })
  alertRaised(@Root() event: LiveEvent<AlertRaisedPayload>): AlertsRaised {
    const { threshold, alerts } = event.payload;
    return { eventId: String(event.id), alerts: alerts.map((a) => ({ ...a, threshold })) };
  }

  @Subscription(() => PricesUpdate, {
    description:
      "After an upsertPrices batch or a CSV price import commits closes that changed. With `symbols`, only " +
      "events touching one of them, listing only those.",
    subscribe: subscribeWith<PricesUpdatedPayload>(LiveTopic.PRICES_UPDATED, undefined, (args) => {
      const wanted = symbolFilter(args.symbols as string[] | null | undefined);
      return (p) => wanted === null || p.symbols.some((s) => wanted.has(s.symbol));
    }),
  })
  pricesUpdated(
    @Root() event: LiveEvent<PricesUpdatedPayload>,
    @Arg("symbols", () => [String], {
      nullable: true,
      description: `At most ${MAX_FILTER_SYMBOLS} symbols; null or absent: every symbol.`,
    })
    symbols?: string[] | null,
  ): PricesUpdate {
    const wanted = symbolFilter(symbols);
    const listed = wanted === null ? event.payload.symbols : event.payload.symbols.filter((s) => wanted.has(s.symbol));
    return {
      eventId: String(event.id),
      source: event.payload.source,
      rows: listed.reduce((n, s) => n + s.rows, 0),
      symbols: listed,
    };
  }

  @Subscription(() => StrategyChangeEvent, {
    description:
      "After a strategy write commits (update, AI adjustment, forced rebalance). Carries the audit entry, so, " +
      "like strategyHistory, for signed-in viewers only (UNAUTHENTICATED otherwise).",
    subscribe: subscribeWith<StrategyChangedPayload>(LiveTopic.STRATEGY_CHANGED, (ctx) => void requireViewer(ctx)),
  })
  strategyChanged(@Root() event: LiveEvent<StrategyChangedPayload>, @Ctx() _ctx: Context): StrategyChangeEvent {
    const { config, entry } = event.payload;
    return {
      eventId: String(event.id),
      config: { ...config, updatedAt: new Date(config.updatedAt) } as StrategyConfig,
      adjustment: toStrategyAdjustment(entry),
    };
  }
}

function symbolFilter(symbols: readonly string[] | null | undefined): Set<string> | null {
  if (symbols == null) return null;
  if (symbols.length > MAX_FILTER_SYMBOLS)
    throw badInput(`at most ${MAX_FILTER_SYMBOLS} symbols`, [
      { field: "symbols", message: `at most ${MAX_FILTER_SYMBOLS} symbols, got ${symbols.length}` },
    ]);
  return new Set(symbols.map((s) => s.trim().toUpperCase()));
}
