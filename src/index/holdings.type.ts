import { Field, Float, ID, ObjectType } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import { universeListCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ description: "One held asset at a trading date's close." })
export class HoldingPosition {
  @Field(() => ID, { description: "The held asset's id (Asset.id)." }) assetId!: number;
  @Field(() => Asset, { description: "The held asset." }) asset?: Asset;
  @Field(() => Float, { description: "Units held (index points per unit of price)." }) units!: number;
  @Field(() => Float, { description: "The actual or carried close used (DOMAIN §2.1–2.2)." }) price!: number;
  @Field(() => Float, { description: "units · price, in index points." }) value!: number;
  @Field(() => Float, { description: "Drifted weight units·price / value (decimal, in [0, 1])." }) weight!: number;
}

@PublicData()
@ObjectType({ description: "The index's actual holdings and drifted weights at a trading date's close (DOMAIN §5)." })
export class Holdings {
  @Field(() => DateScalar, { description: "The trading date used: the latest one ≤ requestedDate." }) date!: string;
  @Field(() => DateScalar, { nullable: true, description: "The date asked for; null when omitted (the latest)." })
  requestedDate!: string | null;
  @Field(() => DateScalar, { description: "The rebalance or forced sale whose units are held on date." })
  periodDate!: string;
  @Field(() => Float, {
    description:
      "Σ units·price + cash in index points. Equals the index level on date, except on a rebalance date with " +
      "transaction costs, where it is the level after costs.",
  })
  value!: number;
  @Field(() => Float, { description: "Cash / value (decimal); non-zero only after a forced sale left nothing held." })
  cashWeight!: number;
  @Field(() => [HoldingPosition], {
    description: "Held assets, heaviest first; weights plus cashWeight sum to 1.",
    complexity: universeListCost,
  })
  positions!: HoldingPosition[];
}
