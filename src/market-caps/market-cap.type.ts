import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description: "A point-in-time market capitalisation record, used by the market-cap sleeve.",
})
export class MarketCapData {
  @Field(() => ID) assetId!: number;
  @Field(() => DateScalar, { description: "Date from which the record applies (until the next one)." }) date!: string;
  @Field(() => Float, { nullable: true, description: "Market capitalisation in USD." }) marketCap!: number | null;
  @Field(() => Float, { nullable: true }) sharesOutstanding!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Fraction of shares available for trading, in (0, 1]; null means 1.",
  })
  freeFloat!: number | null;
  @Field(() => Float, { nullable: true, description: "30-day average volume." }) averageVolume!: number | null;
}
