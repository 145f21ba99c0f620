import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import type { Context } from "../context.js";
import { denseSeriesCost, indexSeriesCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { DROP_ALERT, eventTypes } from "./index-event.js";
import { IndexEventType } from "./index-event.enum.js";
import { findIndexEvents } from "./index-event.repo.js";
import { Alert, IndexEvent } from "./index-event.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { INDEX_CONFIG } from "./index-read.loaders.js";

@Resolver(() => IndexEvent)
export class IndexEventResolver {
  @PublicData()
  @Query(() => [IndexEvent], {
    complexity: denseSeriesCost(1),
    description:
      "Every reported fallback, skip, forced rebalance or sale, dropped date and drop alert (DOMAIN §7) of the " +
      "stored index between from and to, by date then in processing order; empty before the first recompute. " +
      "BAD_USER_INPUT (field from) when from is after to.",
  })
  indexEvents(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
    @Arg("types", () => [IndexEventType], {
      nullable: true,
      description: "Only events of these types (repeats ignored); null = every type, [] = none.",
    })
    types?: IndexEventType[] | null,
  ): Promise<IndexEvent[]> {
    const range = dateRange(from, to);
    return findIndexEvents(ctx.db, range, eventTypes(types));
  }

  @PublicData()
  @Query(() => [Alert], {
    complexity: indexSeriesCost,
    description:
      "Dates of the stored index whose daily return was at or below the drop threshold, between from and to, by " +
      "date (docs/methodology.md, Alerts). BAD_USER_INPUT (field from) when from is after to.",
  })
  async alerts(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<Alert[]> {
    const range = dateRange(from, to);
    // The threshold the stored alerts were raised with (the stored index's configuration).
    const [events, { params }] = await Promise.all([
      findIndexEvents(ctx.db, range, [DROP_ALERT]),
      ctx.cache.get(INDEX_CONFIG),
    ]);
    return events.map((e) => ({ date: e.date, dailyReturn: e.value!, threshold: params.dailyDropThreshold }));
  }

  @FieldResolver(() => Asset, { nullable: true })
  asset(@Root() e: IndexEvent, @Ctx() ctx: Context): Promise<Asset | null> | null {
    return e.assetId === null ? null : ctx.loaders.assetById.load(e.assetId);
  }
}
