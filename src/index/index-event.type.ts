import { Field, Float, ID, ObjectType } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({
  description:
    "A reported event of the last computation (DOMAIN §7): DATE_DROPPED, INCEPTION, MOMENTUM_EQUAL_WEIGHT, MARKET_CAP_EQUAL_WEIGHT, RISK_PARITY_EQUAL_WEIGHT, CAP_INFEASIBLE, REBALANCE_SKIPPED, FORCED_REBALANCE, FORCED_REBALANCE_SKIPPED, FORCED_SALE, DROP_ALERT (docs/methodology.md).",
})
export class IndexEvent {
  @Field(() => DateScalar) date!: string;
  @Field(() => String, { description: "The event type (a closed set, see the type description)." }) type!: string;
  @Field(() => ID, { nullable: true, description: "The asset concerned (FORCED_SALE), else null." }) assetId!:
    | number
    | null;
  @Field(() => Asset, { nullable: true }) asset?: Asset | null;
  @Field(() => String, {
    nullable: true,
    description:
      "DATE_DROPPED: REASON:rows; *_SKIPPED: the reason (EMPTY_ELIGIBLE_SET | NOT_A_TRADING_DATE); FORCED_SALE: REDISTRIBUTED | CASH.",
  })
  detail!: string | null;
  @Field(() => Float, { nullable: true, description: "DROP_ALERT: the daily index return (decimal); else null." })
  value!: number | null;
}

@PublicData()
@ObjectType({ simpleResolvers: true, description: "A daily index return at or below the alert threshold (DOMAIN §5)." })
export class Alert {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { description: "V(t)/V(t−1) − 1 (decimal; −0.1 = −10 %)." }) dailyReturn!: number;
  @Field(() => Float, {
    description:
      "The strategy's daily_drop_threshold in force now (decimal, in [−1, 0]); alerts were raised with the threshold of the last recompute.",
  })
  threshold!: number;
}
