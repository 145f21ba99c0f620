import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { upsertMarketCapsBatch, upsertPricesBatch } from "./batch-upsert.service.js";
import { MarketCapInput, PriceInput } from "./ingest.inputs.js";
import { UpsertResult } from "./ingest.type.js";

const BATCH =
  "At most MAX_BATCH_ROWS rows (10,000 by default). All or nothing: an invalid batch is refused whole with " +
  "BAD_USER_INPUT whose problems name every bad row (row = 0-based index, field, message).";

@Resolver()
export class IngestResolver {
  @Mutation(() => UpsertResult, {
    description:
      "Inserts or replaces closes by (symbol, date) in one statement; idempotent (admin; UNAUTHENTICATED or " +
      "FORBIDDEN otherwise). The index and dataQuality change only at the next recompute (docs/ingestion.md).",
  })
  upsertPrices(
    @Ctx() ctx: Context,
    @Arg("prices", () => [PriceInput], { description: BATCH }) prices: PriceInput[],
  ): Promise<UpsertResult> {
    requireAdmin(ctx);
    return ctx.db.transaction().execute((trx) => upsertPricesBatch(trx, prices, ctx.config.limits.maxBatchRows));
  }

  @Mutation(() => UpsertResult, {
    description:
      "Inserts or replaces market-cap records by (symbol, date) in one statement; idempotent (admin; " +
      "UNAUTHENTICATED or FORBIDDEN otherwise). The index changes only at the next recompute.",
  })
  upsertMarketCaps(
    @Ctx() ctx: Context,
    @Arg("rows", () => [MarketCapInput], { description: BATCH }) rows: MarketCapInput[],
  ): Promise<UpsertResult> {
    requireAdmin(ctx);
    return ctx.db.transaction().execute((trx) => upsertMarketCapsBatch(trx, rows, ctx.config.limits.maxBatchRows));
  }
}
