import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { Allocation } from "../allocations/allocation.type.js";
import { connectionCost, dailySeriesCost, monthlySeriesCost, rebalanceSeriesCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import {
  AFTER_ARG,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type Connection,
} from "../graphql/pagination.js";
import { parseId } from "../graphql/ids.js";
import { selectsField } from "../graphql/selection.js";
import { MarketCapData } from "../market-caps/market-cap.type.js";
import { toPrices } from "../prices/price.repo.js";
import { PriceSeries } from "../prices/price-series.type.js";
import { Price } from "../prices/price.type.js";
import { countAssets, findAssetsPage, findSectors } from "./asset.repo.js";
import { Asset, ASSET_PAGE_DEFAULT as DEFAULT_PAGE, AssetConnection } from "./asset.type.js";
import { PublicData } from "../graphql/cache-scope.js";

const MAX_SEARCH = 100;

@Resolver(() => Asset)
export class AssetResolver {
  @PublicData()
  @Query(() => AssetConnection, {
    description:
      "Assets in symbol order (Relay cursor pagination), filtered by every argument given (AND). BAD_USER_INPUT " +
      "naming the argument for a bad page size, cursor or search.",
    complexity: connectionCost,
  })
  async assets(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, {
      nullable: true,
      description: `Page size, 0 to MAX_PAGE_SIZE (500 by default); null = ${DEFAULT_PAGE}.`,
    })
    first?: number | null,
    @Arg("after", () => String, { nullable: true, description: AFTER_ARG }) after?: string | null,
    @Arg("sector", () => String, {
      nullable: true,
      description: "Only assets of exactly this sector (case-sensitive, as Asset.sector); null = any.",
    })
    sector?: string | null,
    @Arg("search", () => String, {
      nullable: true,
      description: `Case-insensitive substring of the symbol or name, at most ${MAX_SEARCH} characters; null = any.`,
    })
    search?: string | null,
    @Arg("investable", () => Boolean, {
      nullable: true,
      description: "Only assets in (true) or out of (false) the index universe; null = both.",
    })
    investable?: boolean | null,
    @Arg("symbols", () => [String], {
      nullable: true,
      description: "Only these symbols (case-insensitive; at most MAX_PAGE_SIZE), in symbol order.",
    })
    symbols?: string[] | null,
  ): Promise<Connection<Asset>> {
    const size = pageSize(first, DEFAULT_PAGE, ctx.config.limits.maxPageSize);
    if (search && search.length > MAX_SEARCH)
      throw badInput(`search is longer than ${MAX_SEARCH} characters`, [{ field: "search", message: "too long" }]);
    if (symbols && symbols.length > ctx.config.limits.maxPageSize)
      throw badInput(`symbols has more than ${ctx.config.limits.maxPageSize} entries`, [
        { field: "symbols", message: "too many" },
      ]);
    const filter = { sector, search, investable, symbols: symbols?.map((s) => s.trim().toUpperCase()) };
    const afterSymbol = after ? decodeCursor("asset", after) : null;
    const [rows, total] = await Promise.all([
      findAssetsPage(ctx.db, filter, afterSymbol, size + 1),
      selectsField(info, "totalCount") ? countAssets(ctx.db, filter) : null,
    ]);
    for (const a of rows) ctx.loaders.assetById.prime(a.id, a);
    return toConnection(rows, size, (a) => encodeCursor("asset", a.symbol), total, afterSymbol !== null);
  }

  @PublicData()
  @Query(() => [String], { description: "The distinct sectors of the assets, sorted (assets without one left out)." })
  sectors(@Ctx() ctx: Context): Promise<string[]> {
    return findSectors(ctx.db);
  }

  @PublicData()
  @Query(() => Asset, {
    nullable: true,
    description:
      "One asset by id or by symbol; null when none matches. BAD_USER_INPUT unless exactly one of them is given.",
  })
  async asset(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { nullable: true, description: "Asset.id; BAD_USER_INPUT when not a positive integer." })
    id?: string | null,
    @Arg("symbol", () => String, {
      nullable: true,
      description: "Asset.symbol, case-insensitive (trimmed and upper-cased).",
    })
    symbol?: string | null,
  ): Promise<Asset | null> {
    if ((id == null) === (symbol == null))
      throw badInput("give exactly one of id and symbol", [
        { field: id == null ? "id" : "symbol", message: "exactly one of id and symbol" },
      ]);
    return id != null
      ? ctx.loaders.assetById.load(parseId(id, "id"))
      : ctx.loaders.assetBySymbol.load(symbol!.trim().toUpperCase());
  }

  @FieldResolver(() => [Price], {
    description:
      "Daily closes between from and to (inclusive), by date: the stored closes as loaded, before cleaning " +
      "(see dataQuality). BAD_USER_INPUT (field from) when from is after to.",
    complexity: dailySeriesCost,
  })
  prices(
    @Root() asset: Asset,
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<Price[]> {
    return ctx.loaders.priceSeriesByRange
      .load({ id: asset.id, ...dateRange(from, to) })
      .then((series) => toPrices(asset.id, series));
  }

  @FieldResolver(() => PriceSeries, {
    description:
      "The closes of prices(from, to) as two aligned columns: the fast path for charts (same values, fewer " +
      "bytes). BAD_USER_INPUT (field from) when from is after to.",
    complexity: dailySeriesCost,
  })
  async priceSeries(
    @Root() asset: Asset,
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<PriceSeries> {
    const { dates, values } = await ctx.loaders.priceSeriesByRange.load({ id: asset.id, ...dateRange(from, to) });
    return { dates, closes: values };
  }

  @FieldResolver(() => [Allocation], {
    description:
      "The asset's target weights at the rebalances between from and to (inclusive), by date: its weight " +
      "history. A rebalance that left it out has no entry (its weight was 0; rebalanceDates lists them all).",
    complexity: rebalanceSeriesCost,
  })
  weights(
    @Root() asset: Asset,
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<Allocation[]> {
    return ctx.loaders.allocationsByAssetRange.load({ id: asset.id, ...dateRange(from, to) });
  }

  @FieldResolver(() => Price, { nullable: true, description: "The most recent stored close; null when none." })
  latestPrice(@Root() asset: Asset, @Ctx() ctx: Context): Promise<Price | null> {
    return ctx.loaders.latestPrice.load(asset.id);
  }

  @FieldResolver(() => [MarketCapData], {
    description:
      "Market-cap records dated between from and to (inclusive), by date. A record applies until the next one, " +
      "so the one in force on from may be dated earlier. BAD_USER_INPUT (field from) when from is after to.",
    complexity: monthlySeriesCost,
  })
  marketCaps(
    @Root() asset: Asset,
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<MarketCapData[]> {
    return ctx.loaders.marketCapsByRange.load({ id: asset.id, ...dateRange(from, to) });
  }
}
