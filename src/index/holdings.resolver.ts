import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import type { Context } from "../context.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { shapeHoldings } from "./holdings.js";
import { findHoldingsSnapshot } from "./holdings.repo.js";
import { Holdings, HoldingPosition } from "./holdings.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { INDEX_CONFIG } from "./index-read.loaders.js";

@Resolver(() => Holdings)
export class HoldingsResolver {
  @PublicData()
  @Query(() => Holdings, {
    nullable: true,
    description:
      "Holdings and drifted weights of the stored index at the close of the latest trading date ≤ date, valued " +
      "with the configuration it was computed with. Null before inception or with no index. `allocations` " +
      "stays the rebalance targets.",
  })
  async holdings(
    @Ctx() ctx: Context,
    @Arg("date", () => DateScalar, {
      nullable: true,
      description: "Any date (need not be a trading date); null = the latest trading date.",
    })
    date?: string | null,
  ): Promise<Holdings | null> {
    // The stored holdings are valued as the recompute that stored them did, not with a changed but not
    // yet recomputed strategy.
    const { params } = await ctx.cache.get(INDEX_CONFIG);
    const snapshot = await findHoldingsSnapshot(ctx.db, date ?? "infinity", params.minPriceThreshold);
    return snapshot && shapeHoldings(snapshot, date ?? null);
  }
}

@Resolver(() => HoldingPosition)
export class HoldingPositionResolver {
  @FieldResolver(() => Asset, { description: "The held asset." })
  async asset(@Root() p: HoldingPosition, @Ctx() ctx: Context): Promise<Asset> {
    const asset = await ctx.loaders.assetById.load(p.assetId);
    if (!asset) throw new Error(`holding references missing asset ${p.assetId}`);
    return asset;
  }
}
