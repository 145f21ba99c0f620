import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";
import { IndexEventReason, IndexEventType } from "./index-event.enum.js";

@PublicData()
@ObjectType({
  description:
    "A reported event of the last computation (DOMAIN §7; docs/methodology.md, Reported events): fallbacks, " +
    "skipped or forced rebalances, forced sales, dropped dates and drop alerts.",
})
export class IndexEvent {
  @Field(() => DateScalar, { description: "The trading date (for DATE_DROPPED: the dropped date)." }) date!: string;
  @Field(() => IndexEventType, { description: "What happened (see IndexEventType)." }) type!: IndexEventType;
  @Field(() => ID, { nullable: true, description: "The asset concerned (FORCED_SALE), else null." }) assetId!:
    | number
    | null;
  @Field(() => Asset, { nullable: true, description: "The asset of assetId; null when assetId is null." })
  asset?: Asset | null;
  @Field(() => IndexEventReason, {
    nullable: true,
    description: "Why: set for DATE_DROPPED, REBALANCE_SKIPPED, FORCED_REBALANCE_SKIPPED and FORCED_SALE, else null.",
  })
  reason!: IndexEventReason | null;
  @Field(() => Int, {
    nullable: true,
    description: "DATE_DROPPED: the price rows of that date (every asset), all ignored; else null.",
  })
  droppedRows!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The stored detail text, reason and droppedRows in one string: DATE_DROPPED 'REASON:rows' (HALF_RULE:12), " +
      "*_SKIPPED and FORCED_SALE the reason; null for the other types. Prefer reason and droppedRows.",
  })
  detail!: string | null;
  @Field(() => Float, { nullable: true, description: "DROP_ALERT: the daily index return (decimal); else null." })
  value!: number | null;
}

@PublicData()
@ObjectType({ simpleResolvers: true, description: "A daily index return at or below the alert threshold (DOMAIN §5)." })
export class Alert {
  @Field(() => DateScalar, { description: "The trading date whose close-to-close index return alerted." })
  date!: string;
  @Field(() => Float, { description: "V(t)/V(t−1) − 1 (decimal; −0.1 = −10 %)." }) dailyReturn!: number;
  @Field(() => Float, {
    description:
      "The daily_drop_threshold (decimal, in [−1, 0]) of the configuration the stored index was computed with: " +
      "the one that raised this alert (a return ≤ threshold alerts).",
  })
  threshold!: number;
}
