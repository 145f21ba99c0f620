import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import { requireViewer } from "../auth/guards.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { connectionCost } from "../graphql/complexity.js";
import {
  AFTER_ARG,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type Connection,
} from "../graphql/pagination.js";
import { selectsField } from "../graphql/selection.js";
import {
  STRATEGY_HISTORY_PAGE_DEFAULT as DEFAULT_PAGE,
  type StrategyAdjustment,
  StrategyAdjustmentConnection,
  toStrategyAdjustment,
} from "./strategy-adjustment.type.js";
import { countHistory, findHistoryPage } from "./strategy.repo.js";
import { PrivateData } from "../graphql/cache-scope.js";

@Resolver()
export class StrategyHistoryResolver {
  @PrivateData()
  @Query(() => StrategyAdjustmentConnection, {
    description:
      "The strategy audit trail, newest first. Readable by any signed-in user (not only admins); anonymous " +
      "callers get UNAUTHENTICATED.",
    complexity: connectionCost,
  })
  async strategyHistory(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, {
      nullable: true,
      description: `Page size, 0 to MAX_PAGE_SIZE (500 by default); null = ${DEFAULT_PAGE}.`,
    })
    first?: number | null,
    @Arg("after", () => String, { nullable: true, description: AFTER_ARG }) after?: string | null,
  ): Promise<Connection<StrategyAdjustment>> {
    requireViewer(ctx);
    const size = pageSize(first, DEFAULT_PAGE, ctx.config.limits.maxPageSize);
    const before = after ? Number(decodeCursor("adjustment", after)) : null;
    if (before !== null && !(Number.isInteger(before) && before >= 1))
      throw badInput("invalid cursor", [{ field: "after", message: "not a cursor of this list" }]);
    const [rows, total] = await Promise.all([
      findHistoryPage(ctx.db, before, size + 1),
      selectsField(info, "totalCount") ? countHistory(ctx.db) : null,
    ]);
    const page = toConnection(
      rows,
      size,
      (r) => encodeCursor("adjustment", String(r.position)),
      total,
      before !== null,
    );
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toStrategyAdjustment(e.node.entry) })) };
  }
}
