/** Shapes of the demo data set; field meanings follow DOMAIN.md §1. Dates are 'YYYY-MM-DD'. */

export interface DemoAsset {
  symbol: string;
  name: string;
  sector: string;
  investable: boolean;
}

/** Adjusted close, rounded to 4 decimals, always > 0. */
export interface DemoPrice {
  symbol: string;
  date: string;
  close: number;
}

/**
 * Point-in-time record: marketCap in dollars (shares × close on `date`), sharesOutstanding in
 * shares, freeFloat a fraction in [0.6, 1] (null means 1), averageVolume in shares per day.
 */
export interface DemoMarketCap {
  symbol: string;
  date: string;
  marketCap: number | null;
  sharesOutstanding: number | null;
  freeFloat: number | null;
  averageVolume: number | null;
}

export interface DemoData {
  assets: DemoAsset[];
  prices: DemoPrice[];
  marketCaps: DemoMarketCap[];
}

export interface DemoOptions {
  /** Any 32-bit unsigned integer; defaults to DEMO_SEED. */
  seed?: number;
  /** Inclusive 'YYYY-MM-DD' bounds; default DEMO_START_DATE .. DEMO_END_DATE. */
  startDate?: string;
  endDate?: string;
}
