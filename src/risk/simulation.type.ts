import { Field, Float, ObjectType } from "type-graphql";
import { parentDailySeriesCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ simpleResolvers: true, description: "The value of a simulated investment at a trading date's close." })
export class ValuePoint {
  @Field(() => DateScalar, { description: "A trading date from startDate to endDate." }) date!: string;
  @Field(() => Float, { description: "amount · V_t / V_start, in the currency of the amount." }) value!: number;
}

@PublicData()
@ObjectType({
  description:
    "An amount invested in the index at the close of startDate and held to endDate (no fees beyond the " +
    "index's own costs).",
})
export class InvestmentSimulation {
  @Field(() => Float, { description: "The amount invested (currency units)." }) amount!: number;
  @Field(() => DateScalar, {
    description: "The trading date of the purchase (latest trading date ≤ from, at least inception).",
  })
  startDate!: string;
  @Field(() => DateScalar, { description: "The last trading date of the window (latest ≤ to)." }) endDate!: string;
  @Field(() => Float, { description: "amount · V_end / V_start (currency units)." }) finalValue!: number;
  @Field(() => Float, { description: "finalValue − amount (currency units)." }) profit!: number;
  @Field(() => Float, { description: "finalValue / amount − 1 (decimal, 0.12 = 12 %)." }) roi!: number;
  @Field(() => Float, {
    nullable: true,
    description: "(1 + roi)^(252/n) − 1 over n trading-day returns (decimal); null with no return.",
  })
  annualizedReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "Worst peak-to-trough decline of the value (decimal, ≤ 0)." })
  maxDrawdown!: number | null;
  @Field(() => [ValuePoint], {
    description: "The value at every trading date's close from startDate to endDate.",
    complexity: parentDailySeriesCost,
  })
  path!: ValuePoint[];
}
