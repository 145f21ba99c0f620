import { Field, ObjectType } from "type-graphql";
import { StrategyAdjustment } from "./strategy-adjustment.type.js";
import { StrategyConfig } from "./strategy-config.type.js";

@ObjectType({ description: "The result of a strategy mutation." })
export class StrategyChangePayload {
  @Field(() => StrategyConfig, { description: "The configuration after the change (its new version)." })
  config!: StrategyConfig;
  @Field(() => StrategyAdjustment, { description: "The audit entry this change appended." })
  adjustment!: StrategyAdjustment;
  @Field(() => Boolean, {
    description: "True when the index was recomputed in the same call (the mutation's recompute argument).",
  })
  recomputed!: boolean;
}
