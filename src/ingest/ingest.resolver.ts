import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { upsertMarketCapsBatch, upsertPricesBatch } from "./batch-upsert.service.js";
import { MarketCapInput, PriceInput } from "./ingest.inputs.js";
import { UpsertResult } from "./ingest.type.js";

@Resolver()
export class IngestResolver {
  @Mutation(() => UpsertResult, {
    description:
      "Admin: inserts or replaces closes by (symbol, date) in one statement; idempotent. At most MAX_BATCH_ROWS rows; an invalid batch is refused whole, every bad row named.",
  })
  upsertPrices(@Ctx() ctx: Context, @Arg("prices", () => [PriceInput]) prices: PriceInput[]): Promise<UpsertResult> {
    requireAdmin(ctx);
    return ctx.db.transaction().execute((trx) => upsertPricesBatch(trx, prices, ctx.config.limits.maxBatchRows));
  }

  @Mutation(() => UpsertResult, {
    description:
      "Admin: inserts or replaces market-cap records by (symbol, date) in one statement; idempotent. Same bounds and validation as upsertPrices.",
  })
  upsertMarketCaps(
    @Ctx() ctx: Context,
    @Arg("rows", () => [MarketCapInput]) rows: MarketCapInput[],
  ): Promise<UpsertResult> {
    requireAdmin(ctx);
    return ctx.db.transaction().execute((trx) => upsertMarketCapsBatch(trx, rows, ctx.config.limits.maxBatchRows));
  }
}
