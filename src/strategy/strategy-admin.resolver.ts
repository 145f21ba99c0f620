import { Arg, Ctx, Float, Int, Mutation, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { recomputeIndex } from "../index/recompute.service.js";
import { toStrategyAdjustment } from "./strategy-adjustment.type.js";
import { StrategyChangePayload } from "./strategy-change.type.js";
import { parseReason, StrategyConfigInput, toStrategyPatch } from "./strategy.inputs.js";
import { getStrategyConfig } from "./strategy.repo.js";
import { publishStrategyChanged } from "../live/topics.js";
import { changeStrategy, type StrategyChange } from "./strategy.service.js";

const RECOMPUTE =
  "True: recompute the index in the same transaction (the change rolls back if that fails). False: the stored " +
  "index keeps the configuration it was computed with until the next recompute.";
const REASON = "Why (the audit trail's reason), 1 to 500 characters after trimming; BAD_USER_INPUT otherwise.";
const EXPECTED_VERSION =
  "The StrategyConfig.version you read; CONFLICT (with currentVersion) when the configuration changed since.";
const INPUT =
  "The parameters to change; omitted ones keep their value. The merged configuration is validated as a whole: " +
  "BAD_USER_INPUT naming each invalid field.";
const ADMIN = "Admin only (UNAUTHENTICATED or FORBIDDEN otherwise).";

/** Admin-only strategy mutations; each is one transaction: validate, write, audit (, recompute). */
@Resolver()
export class StrategyAdminResolver {
  @Mutation(() => StrategyChangePayload, {
    description: `Changes strategy parameters, audited (strategyHistory) with a new version. ${ADMIN}`,
  })
  updateStrategyConfig(
    @Ctx() ctx: Context,
    @Arg("input", () => StrategyConfigInput, { description: INPUT }) input: StrategyConfigInput,
    @Arg("reason", () => String, { description: REASON }) reason: string,
    @Arg("expectedVersion", () => Int, { description: EXPECTED_VERSION }) expectedVersion: number,
    @Arg("recompute", () => Boolean, { defaultValue: false, description: RECOMPUTE }) recompute: boolean,
  ): Promise<StrategyChangePayload> {
    requireAdmin(ctx);
    return run(
      ctx,
      { kind: "update", patch: toStrategyPatch(input), reason: parseReason(reason), expectedVersion },
      recompute,
    );
  }

  @Mutation(() => StrategyChangePayload, {
    description:
      "Applies an AI-proposed change like updateStrategyConfig, and sets aiAdjusted, aiAdjustmentReason (the " +
      `reason) and aiConfidenceScore. ${ADMIN}`,
  })
  applyAiAdjustment(
    @Ctx() ctx: Context,
    @Arg("input", () => StrategyConfigInput, { description: INPUT }) input: StrategyConfigInput,
    @Arg("reason", () => String, { description: `${REASON} Also stored as aiAdjustmentReason.` }) reason: string,
    @Arg("confidence", () => Float, {
      description: "The proposal's confidence in [0, 1] (aiConfidenceScore); BAD_USER_INPUT otherwise.",
    })
    confidence: number,
    @Arg("expectedVersion", () => Int, { description: EXPECTED_VERSION }) expectedVersion: number,
    @Arg("recompute", () => Boolean, { defaultValue: false, description: RECOMPUTE }) recompute: boolean,
  ): Promise<StrategyChangePayload> {
    requireAdmin(ctx);
    const change: StrategyChange = {
      kind: "ai_adjustment",
      patch: toStrategyPatch(input),
      reason: parseReason(reason),
      expectedVersion,
      flags: { ai: { confidence } },
    };
    return run(ctx, change, recompute);
  }

  @Mutation(() => StrategyChangePayload, {
    description:
      "Asks the next computation to rebalance on the latest trading date (StrategyConfig.forceRebalance), " +
      `audited with a new version. ${ADMIN}`,
  })
  forceRebalance(
    @Ctx() ctx: Context,
    @Arg("reason", () => String, { description: REASON }) reason: string,
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description: `Optional here: null or omitted = whatever version is current; else ${EXPECTED_VERSION}`,
    })
    expectedVersion: number | null,
    @Arg("recompute", () => Boolean, { defaultValue: false, description: RECOMPUTE }) recompute: boolean,
  ): Promise<StrategyChangePayload> {
    requireAdmin(ctx);
    return run(
      ctx,
      {
        kind: "force_rebalance",
        patch: {},
        reason: parseReason(reason),
        expectedVersion: expectedVersion ?? null,
        flags: { forceRebalance: true },
      },
      recompute,
    );
  }
}

async function run(ctx: Context, change: StrategyChange, recompute: boolean): Promise<StrategyChangePayload> {
  const viewer = requireAdmin(ctx);
  const { config, entry } = await ctx.db.transaction().execute(async (trx) => {
    const result = await changeStrategy(trx, viewer, change);
    if (!recompute) {
      await publishStrategyChanged(trx, result.config, result.entry);
      return result;
    }
    const summary = await recomputeIndex(trx);
    ctx.log.info({ summary }, "index recomputed after a strategy change");
    // The recompute records last_rebalance and clears force_rebalance: answer with that state.
    const changed = { ...result, config: await getStrategyConfig(trx) };
    // Last in the transaction: event writers are serialised from their append to their commit
    // (src/live/live-events.repo.ts), so the append waits until the long work is done.
    await publishStrategyChanged(trx, changed.config, changed.entry);
    return changed;
  });
  return { config, adjustment: toStrategyAdjustment(entry), recomputed: recompute };
}
