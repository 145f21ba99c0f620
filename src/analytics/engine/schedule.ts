// Rebalance schedule and forced rebalance dates (DOMAIN §3).
import { dateKey, datePart, isoWeekIndex, monthIndex, quarterIndex } from "./dates.js";
import type { Frequency } from "./types.js";

const PERIOD: Record<Frequency, (key: number) => number> = {
  daily: (key) => key,
  weekly: isoWeekIndex,
  monthly: monthIndex,
  quarterly: quarterIndex,
};

/**
 * 1 on the first trading date of each period (ISO week Monday–Sunday, calendar month, calendar
 * quarter; every date for daily). The calendar's first date is the first of its period.
 * Reads only the previous trading date, so appending dates never changes earlier flags.
 */
export function scheduledDates(keys: number[], frequency: Frequency): Uint8Array {
  const period = PERIOD[frequency];
  const out = new Uint8Array(keys.length);
  let prev = NaN;
  for (let d = 0; d < keys.length; d++) {
    const p = period(keys[d]);
    out[d] = p !== prev ? 1 : 0;
    prev = p;
  }
  return out;
}

/**
 * The forced rebalance dates to apply and persist: the recorded ones plus, when
 * `forceRebalance`, the latest trading date. Sorted, unique, date part only.
 */
export function resolveForcedDates(recorded: string[], forceRebalance: boolean, calendar: string[]): string[] {
  const set = new Set(recorded.map(datePart));
  if (forceRebalance && calendar.length > 0) set.add(calendar[calendar.length - 1]);
  return [...set].sort((x, y) => dateKey(x) - dateKey(y));
}
