import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { parseId } from "../graphql/ids.js";
import { createAsset, deleteAsset, updateAsset } from "./asset-admin.service.js";
import { DeleteAssetPayload } from "./asset-admin.type.js";
import { CreateAssetInput, parseAssetChanges, UpdateAssetInput } from "./asset.inputs.js";
import { Asset } from "./asset.type.js";

const ADMIN = "Admin only (UNAUTHENTICATED or FORBIDDEN otherwise).";
const ID_ARG = "The asset's id (Asset.id); BAD_USER_INPUT when not a positive integer, NOT_FOUND when no asset has it.";

/** Admin-only asset maintenance. */
@Resolver(() => Asset)
export class AssetAdminResolver {
  @Mutation(() => Asset, {
    description: `Creates an asset; CONFLICT (field symbol) when the symbol exists. ${ADMIN}`,
  })
  createAsset(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateAssetInput, { description: "The new asset." }) input: CreateAssetInput,
  ): Promise<Asset> {
    requireAdmin(ctx);
    const changes = parseAssetChanges(input);
    if (!changes.symbol) throw badInput("symbol is required", [{ field: "symbol", message: "required" }]);
    return createAsset(ctx.db, { ...changes, symbol: changes.symbol });
  }

  @Mutation(() => Asset, {
    description: `Changes an asset and returns it; CONFLICT (field symbol) when the new symbol is taken. ${ADMIN}`,
  })
  updateAsset(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: ID_ARG }) id: string,
    @Arg("input", () => UpdateAssetInput, { description: "The fields to change." }) input: UpdateAssetInput,
  ): Promise<Asset> {
    requireAdmin(ctx);
    return updateAsset(ctx.db, parseId(id, "id"), parseAssetChanges(input));
  }

  @Mutation(() => Asset, {
    description:
      "Marks an asset investable or not; a non-investable asset leaves the index universe at the next " +
      `recompute. ${ADMIN}`,
  })
  setAssetInvestable(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: ID_ARG }) id: string,
    @Arg("investable", () => Boolean, { description: "True: in the index universe; false: out of it." })
    investable: boolean,
  ): Promise<Asset> {
    requireAdmin(ctx);
    return updateAsset(ctx.db, parseId(id, "id"), { investable });
  }

  @Mutation(() => DeleteAssetPayload, {
    description:
      "Deletes an asset and its market caps. CONFLICT (with the counts) while prices or allocations reference " +
      `it, unless force: true, which deletes them too and recomputes the index in the same transaction. ${ADMIN}`,
  })
  async deleteAsset(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: ID_ARG }) id: string,
    @Arg("force", () => Boolean, {
      defaultValue: false,
      description: "True: also delete its prices and allocations (then the index is recomputed).",
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
