import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { requireAdmin } from "../auth/guards.js";
import type { Context } from "../context.js";
import { engineRunCost } from "../graphql/complexity.js";
import { StrategyConfigInput, toStrategyPatch } from "../strategy/strategy.inputs.js";
import { toIndexEvent } from "./index-event.js";
import { previewStrategy } from "./preview.service.js";
import { StrategyPreview } from "./preview.type.js";
import { recomputeIndex } from "./recompute.service.js";
import { RecomputeResult } from "./recompute.type.js";

@Resolver()
export class RecomputeResolver {
  @Mutation(() => RecomputeResult, {
    description:
      "Recomputes the whole index from the stored data and strategy (admin; UNAUTHENTICATED or FORBIDDEN " +
      "otherwise). Atomic: readers see the old index or the new one; a failure leaves the old one " +
      "(docs/recompute.md).",
  })
  async recomputeIndex(@Ctx() ctx: Context): Promise<RecomputeResult> {
    requireAdmin(ctx);
    const summary = await ctx.db.transaction().execute(recomputeIndex);
    ctx.log.info({ summary }, "index recomputed");
    return { ...summary, ...summary.timings };
  }

  @Query(() => StrategyPreview, {
    description:
      "Runs the engine for the stored strategy with `config` applied, writing nothing (admin; UNAUTHENTICATED or " +
      "FORBIDDEN otherwise). Validated like updateStrategyConfig: BAD_USER_INPUT naming the field.",
    complexity: engineRunCost,
  })
  async previewStrategy(
    @Ctx() ctx: Context,
    @Arg("config", () => StrategyConfigInput, {
      description: "The changes to try on top of the stored configuration; {} previews the stored one.",
    })
    config: StrategyConfigInput,
  ): Promise<StrategyPreview> {
    requireAdmin(ctx);
    const preview = await previewStrategy(ctx.db, toStrategyPatch(config));
    const { result } = preview;
    return {
      config: preview.config,
      inceptionDate: result.inceptionDate,
      indexValues: result.levels,
      rebalances: result.rebalances.map((r) => ({
        ...r,
        fallbacks: [...r.fallbacks],
        allocations: r.weights
          .map((w) => ({ date: r.date, assetId: w.assetId, weight: w.weight }))
          .sort((a, b) => b.weight - a.weight),
      })),
      metrics: preview.metrics,
      events: result.events.map((e) =>
        toIndexEvent({ date: e.date, type: e.type, assetId: e.assetId ?? null, detail: e.detail ?? null, value: null }),
      ),
      alerts: result.alerts.length,
      engineMs: preview.engineMs,
    };
  }
}
