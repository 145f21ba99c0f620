import { Field, Float, InputType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";

const SYMBOL =
  "An existing asset's symbol exactly as stored (upper-case); an unknown one, or a (symbol, date) pair already " +
  "in the batch, is a problem of its row.";

@InputType({ description: "One adjusted close; (symbol, date) is the key (an existing price is replaced)." })
export class PriceInput {
  @Field(() => String, { description: SYMBOL }) symbol!: string;
  @Field(() => DateScalar, { description: "The date of the close." }) date!: string;
  @Field(() => Float, { description: "Adjusted close, finite and > 0." }) close!: number;
}

@InputType({
  description: "One point-in-time market-cap record; (symbol, date) is the key (an existing record is replaced).",
})
export class MarketCapInput {
  @Field(() => String, { description: SYMBOL }) symbol!: string;
  @Field(() => DateScalar, { description: "The date from which the record applies (until the next one)." })
  date!: string;
  @Field(() => Float, {
    nullable: true,
    description: "Market capitalisation in USD, finite and ≥ 0; the cap is marketCap × freeFloat without shares.",
  })
  marketCap?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Shares outstanding, finite and ≥ 0; when set the cap is shares × freeFloat × close (DOMAIN §1).",
  })
  sharesOutstanding?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Fraction of shares available for trading, in (0, 1]; null means 1; outside: a row problem.",
  })
  freeFloat?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "30-day average volume in shares, finite and ≥ 0 (stored, not used by the engine).",
  })
  averageVolume?: number | null;
}
