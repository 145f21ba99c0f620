import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { findUserById } from "./user.repo.js";
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
    return ctx.viewer?.userId ? findUserById(ctx.db, ctx.viewer.userId) : null;
  }
}
