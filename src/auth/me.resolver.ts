import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { User } from "./user.type.js";
import { PrivateData } from "../graphql/cache-scope.js";

@Resolver(() => User)
export class MeResolver {
  @PrivateData()
  @Query(() => User, {
    nullable: true,
    description: "The signed-in user; null for anonymous callers and machine (ADMIN_TOKEN) clients.",
  })
  me(@Ctx() ctx: Context): Promise<User | null> | null {
    // Through the request's loader: every alias of `me` shares one statement (and one pool connection).
    return ctx.viewer?.userId ? ctx.loaders.userById.load(ctx.viewer.userId) : null;
  }
}
