/** Calendar-date helpers over 'YYYY-MM-DD' strings, all in UTC so no time zone can shift a date. */

const DASH = 45;
const ZERO = 48;

/** The digits of value[from..to) as a number; -1 when one of them is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True for a real calendar date in 'YYYY-MM-DD' form (leap years honoured), 0001..9999.
 * Character codes, no regular expression or Date: every Date leaving the API is checked
 * here (the Date scalar's serialize), a few million a second.
 */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= 28 || d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The date `day` days after 1970-01-01 (negative before), as 'YYYY-MM-DD', for years
 * 0001..9999. Howard Hinnant's days_from_civil inverse, in integers: no Date object.
 * Example: dateOfDay(0) = '1970-01-01', dateOfDay(19_783) = '2024-03-01'.
 */
export function dateOfDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // [0, 146096]
  // [0, 399]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March first
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, "0") : y}-${pad2(m)}-${pad2(d)}`;
}

/** Whole days from a to b (b − a); both 'YYYY-MM-DD'. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
