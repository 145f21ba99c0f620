import type { Migration } from "kysely";
import * as m0100 from "./20260101000100_updated_at_function.js";
import * as m0200 from "./20260101000200_create_users.js";
import * as m0300 from "./20260101000300_create_assets.js";
import * as m0400 from "./20260101000400_create_prices.js";
import * as m0500 from "./20260101000500_create_market_cap_data.js";
import * as m0600 from "./20260101000600_create_index_values.js";
import * as m0700 from "./20260101000700_create_allocations.js";
import * as m0800 from "./20260101000800_create_strategy_configs.js";
import * as m0900 from "./20260101000900_create_risk_metrics.js";
import * as m2_0100 from "./20260102000100_create_refresh_tokens.js";
import * as m2_0200 from "./20260102000200_create_login_attempts.js";

import * as m4_0100 from "./20260104000100_create_index_outputs.js";
import * as m4_0200 from "./20260104000200_create_market_data_version.js";
import * as m5_0100 from "./20260105000100_bulk_index_writes.js";
import * as m5_0200 from "./20260105000200_market_data_date_range.js";
import * as m5_0300 from "./20260105000300_version_bump_on_change.js";
import * as m6_0100 from "./20260201000100_allocations_foreign_key.js";
import * as m6_0110 from "./20260201000110_index_state.js";
import * as m6_0120 from "./20260201000120_transaction_cost_bound.js";
import * as m201_0200 from "./20260201000200_create_index_version.js";
import * as m6_0300 from "./20260201000300_throttle_scopes.js";
import * as m202_0400 from "./20260202000400_live_events.js";
/**
 * Every migration, by name, in order. A static list (not a directory scan) so that the same
 * code runs from TypeScript sources and from the compiled dist/. Append new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  "20260101000100_updated_at_function": m0100,
  "20260101000200_create_users": m0200,
  "20260101000300_create_assets": m0300,
  "20260101000400_create_prices": m0400,
  "20260101000500_create_market_cap_data": m0500,
  "20260101000600_create_index_values": m0600,
  "20260101000700_create_allocations": m0700,
  "20260101000800_create_strategy_configs": m0800,
  "20260101000900_create_risk_metrics": m0900,
  "20260102000100_create_refresh_tokens": m2_0100,
  "20260102000200_create_login_attempts": m2_0200,
  "20260104000100_create_index_outputs": m4_0100,
  "20260104000200_create_market_data_version": m4_0200,
  "20260105000100_bulk_index_writes": m5_0100,
  "20260105000200_market_data_date_range": m5_0200,
  "20260105000300_version_bump_on_change": m5_0300,
  "20260201000100_allocations_foreign_key": m6_0100,
  "20260201000110_index_state": m6_0110,
  "20260201000120_transaction_cost_bound": m6_0120,
  "20260201000200_create_index_version": m201_0200,
  "20260201000300_throttle_scopes": m6_0300,
  "20260202000400_live_events": m202_0400,
};
