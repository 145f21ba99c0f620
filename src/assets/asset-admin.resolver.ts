import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { parseId } from "../graphql/ids.js";
import { createAsset, deleteAsset, updateAsset } from "./asset-admin.service.js";
import { DeleteAssetPayload } from "./asset-admin.type.js";
import { CreateAssetInput, parseAssetChanges, UpdateAssetInput } from "./asset.inputs.js";
import { Asset } from "./asset.type.js";

/** Admin-only asset maintenance. */
@Resolver(() => Asset)
export class AssetAdminResolver {
  @Mutation(() => Asset, { description: "Creates an asset (admin). CONFLICT when the symbol exists." })
  createAsset(@Ctx() ctx: Context, @Arg("input", () => CreateAssetInput) input: CreateAssetInput): Promise<Asset> {
    requireAdmin(ctx);
    const changes = parseAssetChanges(input);
    if (!changes.symbol) throw badInput("symbol is required", [{ field: "symbol", message: "required" }]);
    return createAsset(ctx.db, { ...changes, symbol: changes.symbol });
  }

  @Mutation(() => Asset, { description: "Changes an asset (admin)." })
  updateAsset(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateAssetInput) input: UpdateAssetInput,
  ): Promise<Asset> {
    requireAdmin(ctx);
    return updateAsset(ctx.db, parseId(id, "id"), parseAssetChanges(input));
  }

  @Mutation(() => Asset, {
    description: "Marks an asset investable or not (admin); a non-investable asset leaves the index universe.",
  })
  setAssetInvestable(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("investable", () => Boolean) investable: boolean,
  ): Promise<Asset> {
    requireAdmin(ctx);
    return updateAsset(ctx.db, parseId(id, "id"), { investable });
  }

  @Mutation(() => DeleteAssetPayload, {
    description:
      "Deletes an asset (admin). CONFLICT while prices or allocations reference it, unless force: true, which also recomputes the index.",
  })
  async deleteAsset(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("force", () => Boolean, {
      defaultValue: false,
      description: "Also delete its prices, allocations and market caps.",
    })
    force: boolean,
  ): Promise<DeleteAssetPayload> {
    requireAdmin(ctx);
    const assetId = parseId(id, "id");
    const refs = await ctx.db.transaction().execute((trx) => deleteAsset(trx, assetId, force));
    return {
      id: assetId,
      deletedPrices: refs.prices,
      deletedAllocations: refs.allocations,
      deletedMarketCaps: refs.marketCaps,
    };
  }
}
