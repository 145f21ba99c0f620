/**
 * The demo trading calendar: weekdays minus a hard-coded list of NYSE full-day closures.
 * Dates are 'YYYY-MM-DD' strings; arithmetic uses whole UTC day numbers, never local time.
 */

export const DEMO_START_DATE = "2021-01-04";
export const DEMO_END_DATE = "2025-12-31";

/**
 * New Year, Good Friday, Independence Day, Thanksgiving and Christmas, as observed by the NYSE
 * in 2021–2026. 2022 has no New Year closure: Jan 1 fell on a Saturday and the NYSE does not
 * close the preceding Friday. Other closures (MLK, Presidents, Memorial, Juneteenth, Labor Day)
 * are deliberately absent: the demo only needs a believable, not an exact, calendar. Outside
 * these years only weekends are skipped.
 */
export const DEMO_HOLIDAYS: ReadonlySet<string> = new Set([
  "2021-01-01",
  "2021-04-02",
  "2021-07-05",
  "2021-11-25",
  "2021-12-24",
  "2022-04-15",
  "2022-07-04",
  "2022-11-24",
  "2022-12-26",
  "2023-01-02",
  "2023-04-07",
  "2023-07-04",
  "2023-11-23",
  "2023-12-25",
  "2024-01-01",
  "2024-03-29",
  "2024-07-04",
  "2024-11-28",
  "2024-12-25",
  "2025-01-01",
  "2025-04-18",
  "2025-07-04",
  "2025-11-27",
  "2025-12-25",
  "2026-01-01",
]);

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC). Throws RangeError on anything but a real 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const n = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
    if (dateFromDayNumber(n) === date) return n;
  }
  throw new RangeError(`invalid date '${date}', expected an existing YYYY-MM-DD date`);
}

export function dateFromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday (4). */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Trading dates in [start, end], ascending. Example: ('2021-01-01', '2021-01-05') → ['2021-01-04', '2021-01-05']. */
export function demoTradingDates(start: string, end: string): string[] {
  const first = dayNumber(start);
  const last = dayNumber(end);
  if (first > last) throw new RangeError(`startDate ${start} is after endDate ${end}`);
  const dates: string[] = [];
  for (let n = first; n <= last; n++) {
    const date = dateFromDayNumber(n);
    const day = (((n + 4) % 7) + 7) % 7;
    if (day !== 0 && day !== 6 && !DEMO_HOLIDAYS.has(date)) dates.push(date);
  }
  return dates;
}
