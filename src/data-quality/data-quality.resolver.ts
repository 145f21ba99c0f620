import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { dataQualityCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { pageSize } from "../graphql/pagination.js";
import { selectsField } from "../graphql/selection.js";
import { echo, echoList } from "../shared/strings.js";
import { DataQualityFlagKind, flagMask } from "./data-quality.enum.js";
import { findDataQualityRows, summarizeDataQuality } from "./data-quality.repo.js";
import { DATA_QUALITY_ROWS_DEFAULT as DEFAULT_ROWS, DataQualityReport, DataQualityRow } from "./data-quality.type.js";
import { PublicData } from "../graphql/cache-scope.js";

const MAX_SYMBOLS = 1000;

@Resolver(() => DataQualityRow)
export class DataQualityResolver {
  @PublicData()
  @Query(() => DataQualityReport, {
    complexity: dataQualityCost,
    description:
      "Data-quality flags (DOMAIN §2) per asset and trading date between from and to, for every asset " +
      "including the benchmark. The recompute derives them with the index: prices, market caps or assets " +
      "imported or upserted since the last recompute show here only after the next one (recomputeIndex, " +
      "`autoindex recompute`, or `autoindex import … --recompute`). BAD_USER_INPUT naming the argument for " +
      "from after to, an unknown symbol or a bad first.",
  })
  async dataQuality(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
    @Arg("symbols", () => [String], {
      nullable: true,
      description:
        `Only these assets (symbols, case-insensitive; at most ${MAX_SYMBOLS}); an unknown one is ` +
        "BAD_USER_INPUT (field symbols). Null = every asset.",
    })
    symbols?: string[] | null,
    @Arg("flags", () => [DataQualityFlagKind], {
      nullable: true,
      description: "Only rows with ANY of these flags; null = any flag, [] = none.",
    })
    flags?: DataQualityFlagKind[] | null,
    @Arg("first", () => Int, {
      nullable: true,
      description: `Rows returned, 0 to MAX_PAGE_SIZE (500 by default); null = ${DEFAULT_ROWS}.`,
    })
    first?: number | null,
  ): Promise<DataQualityReport> {
    const range = dateRange(from, to);
    const limit = pageSize(first, DEFAULT_ROWS, ctx.config.limits.maxPageSize);
    const assetIds = symbols == null ? null : await this.resolveSymbols(ctx, symbols);
    const filter = { ...range, assetIds, mask: flagMask(flags) };
    // One row past the page tells `truncated`; the summary scans every match, so only on request.
    const [summary, rows] = await Promise.all([
      selectsField(info, "summary") ? summarizeDataQuality(ctx.db, filter) : null,
      findDataQualityRows(ctx.db, filter, limit + 1),
    ]);
    return { summary, rows: rows.slice(0, limit), truncated: rows.length > limit };
  }

  private async resolveSymbols(ctx: Context, symbols: string[]): Promise<number[]> {
    if (symbols.length > MAX_SYMBOLS)
      throw badInput(`at most ${MAX_SYMBOLS} symbols`, [{ field: "symbols", message: `at most ${MAX_SYMBOLS}` }]);
    const wanted = symbols.map((s) => s.trim().toUpperCase());
    const assets = await ctx.loaders.assetBySymbol.loadMany(wanted);
    const unknown = wanted.filter((_, i) => !assets[i] || assets[i] instanceof Error);
    if (unknown.length)
      throw badInput(`unknown symbol ${echo(unknown[0])}`, [
        { field: "symbols", message: `unknown: ${echoList(unknown)}` },
      ]);
    return assets.map((a) => (a as Asset).id);
  }

  @FieldResolver(() => Asset, { description: "The flagged asset." })
  async asset(@Root() r: DataQualityRow, @Ctx() ctx: Context): Promise<Asset> {
    const asset = await ctx.loaders.assetById.load(r.assetId);
    if (!asset) throw new Error(`data-quality row references missing asset ${r.assetId}`);
    return asset;
  }
}
