import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { storedEnum } from "../graphql/stored-enum.js";
import { Alert } from "../index/index-event.type.js";
import { StrategyAdjustment } from "../strategy/strategy-adjustment.type.js";
import { StrategyConfig } from "../strategy/strategy-config.type.js";

const EVENT_ID =
  "The event's version: live event ids increase in commit order across every process sharing the database.";

@ObjectType({ description: "A recompute committed: where the index stands now and what the recompute changed." })
export class IndexUpdate {
  @Field(() => ID, { description: EVENT_ID }) eventId!: string;
  @Field(() => DateScalar, { nullable: true, description: "The last trading date of the index now." })
  latestDate!: string | null;
  @Field(() => Float, { nullable: true, description: "The index level on latestDate (base 100)." })
  latestLevel!: number | null;
  @Field(() => DateScalar, { nullable: true, description: "The last trading date before the recompute." })
  previousLatestDate!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: "The index level on previousLatestDate before the recompute; null when there was no index.",
  })
  previousLatestLevel!: number | null;
  @Field(() => Int, { description: "Trading dates of the index now (dates with a level)." }) tradingDates!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The first date whose level was added, removed or changed; null when no level changed.",
  })
  firstChangedDate!: string | null;
  @Field(() => Int, { description: "Dates with a level now and none before." }) datesAdded!: number;
  @Field(() => Int, { description: "Dates with a level before and none now." }) datesRemoved!: number;
  @Field(() => Int, { description: "Dates whose level changed." }) datesChanged!: number;
  @Field(() => Int, { description: "Rebalances of the index now, inception included." }) rebalances!: number;
  @Field(() => DateScalar, { nullable: true, description: "The latest rebalance date; null when there is no index." })
  lastRebalance!: string | null;
  @Field(() => Int, { description: "The strategy configuration version the index was computed with." })
  strategyVersion!: number;
}

@ObjectType({ description: "Drop alerts a recompute raised that the stored index did not have before." })
export class AlertsRaised {
  @Field(() => ID, { description: EVENT_ID }) eventId!: string;
  @Field(() => [Alert], { description: "The new drop alerts, by date." }) alerts!: Alert[];
}

/** What wrote the closes of a pricesUpdated event (the payload stores the lower-case value). */
const PriceUpdateSource = storedEnum("PriceUpdateSource", "What wrote the closes of a pricesUpdated event.", {
  upsert: "An upsertPrices mutation batch.",
  import: "A CSV import (autoindex import prices).",
});

@ObjectType({ description: "The closes of one symbol an upsert or import changed." })
export class SymbolPricesUpdate {
  @Field(() => String, { description: "The asset's ticker symbol." }) symbol!: string;
  @Field(() => DateScalar, { description: "First date written." }) from!: string;
  @Field(() => DateScalar, { description: "Last date written." }) to!: string;
  @Field(() => Int, { description: "Rows inserted or whose close changed." }) rows!: number;
}

@ObjectType({ description: "Closes an upsertPrices batch or a CSV import committed (only rows that changed)." })
export class PricesUpdate {
  @Field(() => ID, { description: EVENT_ID }) eventId!: string;
  @Field(() => PriceUpdateSource, { description: "What wrote the closes." }) source!: string;
  @Field(() => Int, { description: "Rows inserted or whose close changed, over all symbols." }) rows!: number;
  @Field(() => [SymbolPricesUpdate], {
    description: "The symbols written, by symbol; with a `symbols` argument only those of them.",
  })
  symbols!: SymbolPricesUpdate[];
}

@ObjectType({ description: "A strategy write committed: the configuration it produced and its audit entry." })
export class StrategyChangeEvent {
  @Field(() => ID, { description: EVENT_ID }) eventId!: string;
  @Field(() => StrategyConfig, { description: "The configuration after the change (its version included)." })
  config!: StrategyConfig;
  @Field(() => StrategyAdjustment, { description: "The audit entry of the change: who, why, which fields." })
  adjustment!: StrategyAdjustment;
}
