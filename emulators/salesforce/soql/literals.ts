import { malformed } from './errors';

/**
 * Decoding of SOQL literal text as the parser hands it over (strings keep their quotes) and of
 * stored values into comparable numbers.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * Walks a quoted string literal, calling `emit` for each literal character and `wildcard` for
 * `%`/`_` (only LIKE cares about the difference between `%` and `\%`).
 */
function walkString(soql: string, raw: string, emit: (text: string) => void, wildcard: (ch: '%' | '_') => void): void {
  const body = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1) : raw;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '%' || ch === '_') {
      wildcard(ch);
      continue;
    }
    if (ch !== '\\') {
      emit(ch);
      continue;
    }
    const next = body[i + 1];
    i++;
    if (next === undefined) throw illegalEscape(soql, raw, '\\');
    const simple = SIMPLE_ESCAPES[next.toLowerCase()];
    if (simple !== undefined && (next === next.toLowerCase() || /[NRTBF]/.test(next))) {
      emit(simple);
    } else if (next === '%' || next === '_') {
      emit(`\u0000${next}`);
    } else if (next === 'u') {
      const hex = body.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw illegalEscape(soql, raw, `\\u${hex}`);
      emit(String.fromCharCode(parseInt(hex, 16)));
      i += 4;
    } else {
      throw illegalEscape(soql, raw, `\\${next}`);
    }
  }
}

function illegalEscape(soql: string, raw: string, sequence: string) {
  return malformed(soql, undefined, `Invalid string literal ${raw}. Illegal character sequence '${sequence}' in string literal.`);
}

/**
 * The value of a string literal outside LIKE. `\%` and `\_` are only meaningful in LIKE patterns;
 * elsewhere Salesforce keeps the backslash.
 */
export function decodeString(soql: string, raw: string): string {
  let out = '';
  walkString(
    soql,
    raw,
    (text) => {
      out += text.startsWith('\u0000') ? `\\${text.slice(1)}` : text;
    },
    (ch) => {
      out += ch;
    },
  );
  return out;
}

/** A LIKE pattern: `%` any run, `_` one character, `\%`/`\_` literal; case-insensitive. */
export function likeRegExp(soql: string, raw: string): RegExp {
  let source = '';
  walkString(
    soql,
    raw,
    (text) => {
      const literal = text.startsWith('\u0000') ? text.slice(1) : text;
      source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    },
    (ch) => {
      source += ch === '%' ? '[\\s\\S]*' : '[\\s\\S]';
    },
  );
  return new RegExp(`^${source}$`, 'i');
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** `2024-03-01` → epoch ms of that day's UTC midnight; undefined when not a valid date. */
export function dateToEpoch(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epoch = Date.UTC(year, month - 1, day);
  const check = new Date(epoch);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return epoch;
}

/**
 * ISO datetimes with `Z` or an offset (`+02:00`, and Salesforce's own `+0000`), to epoch ms.
 * A missing zone means UTC, as Salesforce reads stored values.
 */
export function dateTimeToEpoch(text: string): number | undefined {
  const match = DATETIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), millis);
  if (Number.isNaN(local) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) {
    return undefined;
  }
  if (!zone || zone.toUpperCase() === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return local - sign * offsetMinutes * 60_000;
}

/** A stored datetime (ISO string, Date or epoch ms) as epoch ms; null when absent or unreadable. */
export function storedDateTime(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const cached = parsedDateTimes.get(value);
    if (cached !== undefined) return cached;
    const epoch = dateTimeToEpoch(value) ?? dateToEpoch(value) ?? null;
    if (parsedDateTimes.size >= PARSED_DATETIME_CAPACITY) parsedDateTimes.clear();
    parsedDateTimes.set(value, epoch);
    return epoch;
  }
  return null;
}

// Polling re-reads the same stored timestamps on every query; parsing them dominated query time.
const PARSED_DATETIME_CAPACITY = 100_000;
const parsedDateTimes = new Map<string, number | null>();

/** A stored date (`YYYY-MM-DD`, or a datetime whose UTC day counts) as that day's epoch ms. */
export function storedDate(value: unknown): number | null {
  if (typeof value === 'string') {
    const day = dateToEpoch(value.slice(0, 10));
    if (day !== undefined) return day;
  }
  const epoch = storedDateTime(value);
  return epoch === null ? null : startOfUtcDay(epoch);
}

export function startOfUtcDay(epoch: number): number {
  const d = new Date(epoch);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * A stored value as text. The store keeps scalars (`coerceFieldValue` sees to it), which read as
 * String() reads them; anything else would read as its JSON rather than as "[object Object]".
 */
export function storedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) return String(value);
  return JSON.stringify(value);
}

export function storedNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function storedBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}
