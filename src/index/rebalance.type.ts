import { Field, Float, Int, ObjectType } from "type-graphql";
import { Allocation } from "../allocations/allocation.type.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";
import type { FallbackType } from "../analytics/engine/types.js";
import { WeightingFallback } from "./weighting-fallback.enum.js";

@PublicData()
@ObjectType({ description: "A rebalance of the index at a date's close (DOMAIN §3–5)." })
export class Rebalance {
  @Field(() => DateScalar) date!: string;
  @Field(() => Boolean, { description: "True for a forced rebalance (force_rebalance), scheduled or not." })
  forced!: boolean;
  @Field(() => Int, { description: "|E(t)|: the number of eligible assets." }) eligibleCount!: number;
  @Field(() => Float, { description: "Two-way turnover Σ|w − w_drift| (decimal; 1 at inception)." }) turnover!: number;
  @Field(() => Float, { description: "Transaction cost in index points: V(t) · bps/10000 · turnover." }) cost!: number;
  @Field(() => [WeightingFallback], { description: "Equal-weight fallbacks applied that date (none: an empty list)." })
  fallbacks!: FallbackType[];
  @Field(() => [Allocation], { description: "The target weights set at this rebalance, heaviest first." })
  allocations?: Allocation[];
}
