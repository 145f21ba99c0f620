import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description: "A point-in-time market capitalisation record, used by the market-cap sleeve.",
})
export class MarketCapData {
  @Field(() => ID, { description: "The asset's id (Asset.id)." }) assetId!: number;
  @Field(() => DateScalar, { description: "Date from which the record applies (until the next one)." }) date!: string;
  @Field(() => Float, {
    nullable: true,
    description: "Market capitalisation in USD; null when not reported (used only without sharesOutstanding).",
  })
  marketCap!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Shares outstanding; when set the cap is shares × freeFloat × close (DOMAIN §1); null: not reported.",
  })
  sharesOutstanding!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Fraction of shares available for trading, in (0, 1]; null means 1.",
  })
  freeFloat!: number | null;
  @Field(() => Float, { nullable: true, description: "30-day average volume in shares; null: not reported." })
  averageVolume!: number | null;
}
