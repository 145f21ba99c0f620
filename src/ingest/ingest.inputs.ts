import { Field, Float, InputType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";

@InputType({ description: "One adjusted close; (symbol, date) is the key (an existing price is replaced)." })
export class PriceInput {
  @Field(() => String) symbol!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { description: "Adjusted close, finite and > 0." }) close!: number;
}

@InputType({
  description: "One point-in-time market-cap record; (symbol, date) is the key (an existing record is replaced).",
})
export class MarketCapInput {
  @Field(() => String) symbol!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { nullable: true, description: "Market capitalisation in USD, ≥ 0." }) marketCap?: number | null;
  @Field(() => Float, { nullable: true, description: "≥ 0." }) sharesOutstanding?: number | null;
  @Field(() => Float, { nullable: true, description: "Fraction in (0, 1]; null means 1." }) freeFloat?: number | null;
  @Field(() => Float, { nullable: true, description: "30-day average volume, ≥ 0." }) averageVolume?: number | null;
}
