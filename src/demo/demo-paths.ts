/**
 * Simulates the underlying price paths: a one-factor market model with sector factors.
 * Per company i in sector k, the daily log return is
 *   r(t,i) = drift_i + beta_k·m(t) + s(t,k) + e(t,i),
 * with m ~ N(0, DEMO_MARKET_VOL²), s ~ N(0, sectorVol_k²), e ~ N(0, idioVol_i²).
 * Random draws are consumed day by day in a fixed order, even for companies not yet listed,
 * so a shorter end date yields an exact prefix of a longer run.
 */
import { dayNumber } from "./demo-calendar.js";
import { DEMO_EVENTS } from "./demo-events.js";
import { createRng } from "./demo-random.js";
import { DEMO_BENCHMARK, DEMO_COMPANIES, DEMO_MARKET_VOL, DEMO_SECTORS, DEMO_SECTOR_ORDER } from "./demo-universe.js";

export interface DemoPaths {
  /** Underlying close per company (DEMO_COMPANIES order) per date index, unrounded, no bad prints. */
  closes: Float64Array[];
  /** Initial shares outstanding per company; the base of market caps and SPY weights. */
  shares: number[];
  /** First and last date index on which each company is listed (first > last: never listed). */
  firstIndex: number[];
  lastIndex: number[];
  /** SPY close per date index: the cap-weighted simple return of the listed companies. */
  spy: Float64Array;
}

const STREAM_SETUP = 1;
const STREAM_DAILY = 2;
const PENNY_IDIO_VOL = 0.035;

const PENNY_KNOTS = DEMO_EVENTS.penny.targets.map(([d, p]) => [dayNumber(d), Math.log(p)] as const);

/** Log-linear interpolation of the penny stock's target price, flat beyond the end knots. */
function pennyLogTarget(date: string): number {
  const n = dayNumber(date);
  const knots = PENNY_KNOTS;
  if (n <= knots[0][0]) return knots[0][1];
  for (let k = 1; k < knots.length; k++) {
    const [n1, v1] = knots[k];
    const [n0, v0] = knots[k - 1];
    if (n <= n1) return v0 + ((v1 - v0) * (n - n0)) / (n1 - n0);
  }
  return knots[knots.length - 1][1];
}

function listingBounds(symbol: string, dates: readonly string[]): [number, number] {
  const { lateListing, delisting } = DEMO_EVENTS;
  let first = 0;
  let last = dates.length - 1;
  if (symbol === lateListing.symbol) first = dates.findIndex((d) => d >= lateListing.firstDate);
  if (symbol === delisting.symbol) last = dates.findLastIndex((d) => d <= delisting.lastDate);
  return [first < 0 ? dates.length : first, last];
}

export function simulatePaths(seed: number, dates: readonly string[]): DemoPaths {
  const n = dates.length;
  const setup = createRng(seed, STREAM_SETUP);
  const daily = createRng(seed, STREAM_DAILY);
  const pennySymbol = DEMO_EVENTS.penny.symbol;
  const count = DEMO_COMPANIES.length;
  const sectorIndex = DEMO_COMPANIES.map((c) => DEMO_SECTOR_ORDER.indexOf(c.sector));
  const beta = DEMO_COMPANIES.map((c) => DEMO_SECTORS[c.sector].beta);
  const closes = DEMO_COMPANIES.map(() => new Float64Array(n));
  const logClose: number[] = [];
  const drift: number[] = [];
  const idioVol: number[] = [];
  const shares: number[] = [];
  DEMO_COMPANIES.forEach((c, i) => {
    // Always draw four numbers per company, so adding a special case never shifts the others.
    const price = Math.exp(setup.between(Math.log(12), Math.log(450)));
    const cap = Math.exp(setup.between(Math.log(2e9), Math.log(3e11)));
    const scale = setup.between(0.85, 1.15);
    drift[i] = setup.between(0.0002, 0.0006);
    const { beta: b, sectorVol, totalVol } = DEMO_SECTORS[c.sector];
    idioVol[i] = Math.sqrt(totalVol ** 2 - (b * DEMO_MARKET_VOL) ** 2 - sectorVol ** 2) * scale;
    const isPenny = c.symbol === pennySymbol;
    if (isPenny) idioVol[i] = PENNY_IDIO_VOL;
    const initial = isPenny ? Math.exp(pennyLogTarget(dates[0] ?? "2021-01-04")) : price;
    logClose[i] = Math.log(initial);
    shares[i] = Math.round((isPenny ? 8e8 : cap) / initial);
  });
  const bounds = DEMO_COMPANIES.map((c) => listingBounds(c.symbol, dates));
  const spy = new Float64Array(n);
  if (n === 0) return { closes, shares, firstIndex: [], lastIndex: [], spy };
  spy[0] = DEMO_BENCHMARK.initialClose;
  for (const [i, path] of closes.entries()) path[0] = Math.exp(logClose[i]);
  const sectorShock = new Float64Array(DEMO_SECTOR_ORDER.length);
  const pennyIndex = DEMO_COMPANIES.findIndex((c) => c.symbol === pennySymbol);
  let pennyDeviation = 0; // log(price / target), decays by `pullback` per day
  for (let t = 1; t < n; t++) {
    let market = DEMO_MARKET_VOL * daily.normal();
    if (dates[t] === DEMO_EVENTS.crash.date) market += Math.log(1 + DEMO_EVENTS.crash.marketReturn);
    for (const [k, s] of DEMO_SECTOR_ORDER.entries()) sectorShock[k] = DEMO_SECTORS[s].sectorVol * daily.normal();
    let weighted = 0;
    let totalCap = 0;
    for (let i = 0; i < count; i++) {
      const shock = beta[i] * market + sectorShock[sectorIndex[i]] + idioVol[i] * daily.normal();
      if (i === pennyIndex) {
        pennyDeviation = (1 - DEMO_EVENTS.penny.pullback) * pennyDeviation + shock;
        logClose[i] = pennyLogTarget(dates[t]) + pennyDeviation;
      } else {
        logClose[i] += drift[i] + shock;
      }
      const prev = closes[i][t - 1];
      closes[i][t] = Math.exp(logClose[i]);
      if (bounds[i][0] <= t - 1 && t <= bounds[i][1]) {
        weighted += shares[i] * (closes[i][t] - prev);
        totalCap += shares[i] * prev;
      }
    }
    spy[t] = spy[t - 1] * (1 + (totalCap > 0 ? weighted / totalCap : 0));
  }
  return { closes, shares, firstIndex: bounds.map((b) => b[0]), lastIndex: bounds.map((b) => b[1]), spy };
}
