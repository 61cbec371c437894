/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_WEEK, …) as half-open ranges of epoch ms.
 *
 * Time zone rule: the emulator's user time zone is UTC, so "today" is the UTC day of `now`.
 * Weeks start on Sunday (the en_US locale), and the fiscal year is the calendar year
 * (Salesforce's default fiscal year starts in January).
 */

export interface EpochRange {
  /** Inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const DAY_MS = 86_400_000;

function unitStart(now: Date, unit: Unit): number {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  switch (unit) {
    case 'day':
      return today;
    case 'week':
      return today - now.getUTCDay() * DAY_MS;
    case 'month':
      return Date.UTC(y, m, 1);
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1);
    case 'year':
      return Date.UTC(y, 0, 1);
  }
}

function shift(start: number, unit: Unit, count: number): number {
  const d = new Date(start);
  switch (unit) {
    case 'day':
      return start + count * DAY_MS;
    case 'week':
      return start + count * 7 * DAY_MS;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + count, 1);
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * count, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + count, 0, 1);
  }
}

/** From `start`, `from` units on, lasting `length` units. */
function span(now: Date, unit: Unit, from: number, length: number): EpochRange {
  const s = unitStart(now, unit);
  return { start: shift(s, unit, from), end: shift(s, unit, from + length) };
}

const FIXED: Record<string, (now: Date) => EpochRange> = {
  YESTERDAY: (now) => span(now, 'day', -1, 1),
  TODAY: (now) => span(now, 'day', 0, 1),
  TOMORROW: (now) => span(now, 'day', 1, 1),
  LAST_90_DAYS: (now) => span(now, 'day', -90, 91),
  NEXT_90_DAYS: (now) => span(now, 'day', 1, 90),
};

const UNIT_WORDS: Record<string, Unit> = {
  WEEK: 'week',
  MONTH: 'month',
  QUARTER: 'quarter',
  YEAR: 'year',
  FISCAL_QUARTER: 'quarter',
  FISCAL_YEAR: 'year',
};

const PLURAL_UNITS: Record<string, Unit> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
  FISCAL_QUARTERS: 'quarter',
  FISCAL_YEARS: 'year',
};

/**
 * The range a literal denotes at `now`; `n` is the number after the colon for the `_N_` forms.
 * Undefined for names Salesforce does not define.
 */
export function dateLiteralRange(name: string, n: number | undefined, now: Date): EpochRange | undefined {
  const upper = name.toUpperCase().replace(/:.*$/, '');
  const fixed = FIXED[upper];
  if (fixed) return fixed(now);

  const relative = /^(THIS|LAST|NEXT)_(.+)$/.exec(upper);
  if (relative && relative[2] && UNIT_WORDS[relative[2]]) {
    const unit = UNIT_WORDS[relative[2]] as Unit;
    const from = relative[1] === 'THIS' ? 0 : relative[1] === 'LAST' ? -1 : 1;
    return span(now, unit, from, 1);
  }

  if (n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  const counted = /^(LAST_N|NEXT_N|N)_(.+?)(_AGO)?$/.exec(upper);
  if (!counted || !counted[2]) return undefined;
  const unit = PLURAL_UNITS[counted[2]];
  if (!unit) return undefined;
  if (counted[1] === 'N' && counted[3]) return span(now, unit, -n, 1);
  if (counted[1] === 'N' || counted[3]) return undefined;
  if (counted[1] === 'LAST_N') {
    // LAST_N_DAYS includes today; the week/month/quarter/year forms end where the current unit starts.
    return unit === 'day' ? span(now, unit, -n, n + 1) : span(now, unit, -n, n);
  }
  return span(now, unit, 1, n);
}
