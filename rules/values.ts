/**
 * How each value kind is read from an event and from a condition's configured value, and how two
 * values of that kind compare. Operators (operators.ts) are built from these.
 *
 * Rules (README.md "Values, nulls and case" repeats them for admins):
 * - Blank: `null`, `undefined` and `''` are blank for every kind, and so is an empty multi-select.
 *   Checkboxes are never blank: a blank checkbox reads as `false`, as in Salesforce.
 * - Unreadable runtime values (`'abc'` in a number field, `'2024-13-01'` in a date field) are
 *   treated as blank; the trace says so. Configured values are checked at save time instead.
 * - text: compared case-insensitively (`toLowerCase`, no trimming, no accent folding), like
 *   Salesforce's filter criteria. Numbers and booleans found in text fields are read as strings.
 * - id: Salesforce Ids; 15-character Ids are converted to their 18-character form, then compared
 *   case-insensitively (the 18-character form is case-safe by construction).
 * - number: JS numbers or numeric strings (`'12.50'`, `'-3'`, `'1e3'`); equality is numeric.
 * - date: `YYYY-MM-DD` calendar days. datetime: ISO 8601 with a time and a zone (`Z`, `+02:00`,
 *   `+0000` as Salesforce writes it), compared as instants to the millisecond.
 * - multi: `'A;B;C'` (Salesforce's multi-select format) or an array; a set of values, trimmed,
 *   compared case-insensitively, order ignored.
 * - "changed" compares exactly: a case-only edit of a text is a change.
 */
import type { ValueKind } from './fields';

/** A runtime value that cannot be read as its field's kind. */
export const UNREADABLE: unique symbol = Symbol('unreadable');
export type Unreadable = typeof UNREADABLE;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * `read` and `parse` produce the same comparison form (text and multi-select values lower-cased),
 * so operators compare prepared values without re-normalizing. `exact` is the form "changed"
 * compares: it keeps case, ignores multi-select order.
 */
export interface ValueType<N> {
  kind: ValueKind;
  /** Describes the kind in messages: "a number". */
  noun: string;
  /** Runtime value → comparison form, `null` when blank, `UNREADABLE` when not of this kind. */
  read(raw: unknown): N | null | Unreadable;
  /** A configured (expected) value → its comparison form, or a message saying what to enter. */
  parse(value: unknown): Parsed<N>;
  /** `equals` on two comparison forms. */
  equal(a: N, b: N): boolean;
  /** The key "changed" compares (null when blank or unreadable). */
  exact(raw: unknown): string | number | boolean | null;
}

function exactOf<N extends string | number | boolean>(read: (raw: unknown) => N | null | Unreadable): (raw: unknown) => N | null {
  return (raw) => {
    const value = read(raw);
    return value === UNREADABLE ? null : value;
  };
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  return String(value);
}

// text ---------------------------------------------------------------------------------------

function exactText(raw: unknown): string | null | Unreadable {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return UNREADABLE;
}

export const textType: ValueType<string> = {
  kind: 'text',
  noun: 'text',
  read(raw) {
    const text = exactText(raw);
    return text === UNREADABLE ? UNREADABLE : text === null ? null : text.toLowerCase();
  },
  parse(value) {
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    if (typeof value !== 'string') return fail(`Enter text, not ${describeValue(value)}`);
    if (value === '') return fail('Enter a value (use "is blank" to match empty fields)');
    return ok(value.toLowerCase());
  },
  equal: (a, b) => a === b,
  exact(raw) {
    const text = exactText(raw);
    return text === UNREADABLE ? null : text;
  },
};

// id -----------------------------------------------------------------------------------------

const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 18-character form of a 15-character Salesforce Id (suffix encodes each chunk's capitals). */
export function toEighteenCharacterId(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += ID_SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

function normalizeId(value: string): string | null {
  if (!ID_PATTERN.test(value)) return null;
  return toEighteenCharacterId(value).toLowerCase();
}

export const idType: ValueType<string> = {
  kind: 'id',
  noun: 'a Salesforce Id',
  read(raw) {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw !== 'string') return UNREADABLE;
    return normalizeId(raw) ?? UNREADABLE;
  },
  parse(value) {
    if (typeof value !== 'string' || value === '') return fail('Enter a Salesforce Id (15 or 18 letters and digits)');
    const id = normalizeId(value);
    return id === null ? fail(`${describeValue(value)} is not a Salesforce Id (15 or 18 letters and digits)`) : ok(id);
  },
  equal: (a, b) => a === b,
  exact: exactOf((raw) => idType.read(raw)),
};

// number -------------------------------------------------------------------------------------

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function numberFrom(raw: unknown): number | null | Unreadable {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : UNREADABLE;
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'string' && NUMBER_PATTERN.test(raw)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : UNREADABLE;
  }
  return UNREADABLE;
}

export const numberType: ValueType<number> = {
  kind: 'number',
  noun: 'a number',
  read: numberFrom,
  parse(value) {
    const n = numberFrom(value);
    if (n === null || n === UNREADABLE) return fail(`Enter a number such as 42 or -1.5, not ${describeValue(value)}`);
    return ok(n);
  },
  equal: (a, b) => a === b,
  exact: exactOf(numberFrom),
};

// boolean ------------------------------------------------------------------------------------

function booleanFrom(raw: unknown): boolean | Unreadable {
  if (typeof raw === 'boolean') return raw;
  if (raw === null || raw === undefined || raw === '') return false;
  if (typeof raw === 'string') {
    const folded = raw.toLowerCase();
    if (folded === 'true') return true;
    if (folded === 'false') return false;
  }
  return UNREADABLE;
}

export const booleanType: ValueType<boolean> = {
  kind: 'boolean',
  noun: 'true or false',
  read: booleanFrom,
  parse(value) {
    if (value === null || value === undefined || value === '') return fail('Choose true or false');
    const b = booleanFrom(value);
    return b === UNREADABLE ? fail(`Choose true or false, not ${describeValue(value)}`) : ok(b);
  },
  equal: (a, b) => a === b,
  exact: exactOf(booleanFrom),
};

// date and datetime --------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

function utcDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a real calendar day round-trips.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms;
}

/** `YYYY-MM-DD` → days since 1970-01-01, or null when it is not a calendar date. */
export function parseIsoDate(value: string): number | null {
  const m = DATE_PATTERN.exec(value);
  if (!m) return null;
  const ms = utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return ms === null ? null : ms / DAY_MS;
}

/** ISO 8601 date-time with a zone → epoch milliseconds, or null. */
export function parseIsoDateTime(value: string): number | null {
  const m = DATETIME_PATTERN.exec(value);
  if (!m) return null;
  const day = utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (day === null || hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

export const dateType: ValueType<number> = {
  kind: 'date',
  noun: 'a date (YYYY-MM-DD)',
  read(raw) {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw !== 'string') return UNREADABLE;
    return parseIsoDate(raw) ?? UNREADABLE;
  },
  parse(value) {
    const day = typeof value === 'string' ? parseIsoDate(value) : null;
    return day === null ? fail(`Enter a date as YYYY-MM-DD, not ${describeValue(value)}`) : ok(day);
  },
  equal: (a, b) => a === b,
  exact: exactOf((raw) => dateType.read(raw)),
};

export const dateTimeType: ValueType<number> = {
  kind: 'datetime',
  noun: 'a date and time',
  read(raw) {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw !== 'string') return UNREADABLE;
    return parseIsoDateTime(raw) ?? UNREADABLE;
  },
  parse(value) {
    const instant = typeof value === 'string' ? parseIsoDateTime(value) : null;
    if (instant !== null) return ok(instant);
    const hint = typeof value === 'string' && parseIsoDate(value) !== null ? ' (a time and a zone are needed)' : '';
    return fail(`Enter a date and time such as 2024-05-01T09:30:00Z, not ${describeValue(value)}${hint}`);
  },
  equal: (a, b) => a === b,
  exact: exactOf((raw) => dateTimeType.read(raw)),
};

// multi --------------------------------------------------------------------------------------

function multiFrom(raw: unknown): string[] | null | Unreadable {
  if (raw === null || raw === undefined) return null;
  let parts: unknown[];
  if (typeof raw === 'string') parts = raw.split(';');
  else if (Array.isArray(raw)) parts = raw;
  else return UNREADABLE;
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string' && typeof part !== 'number') return UNREADABLE;
    const value = String(part).trim();
    if (value !== '') out.push(value);
  }
  return out.length === 0 ? null : out;
}

function foldedSet(values: string[] | null | Unreadable): string[] | null | Unreadable {
  if (values === null || values === UNREADABLE) return values;
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/** Multi-select values as a lower-cased, de-duplicated list (order kept, ignored by `equal`). */
export const multiType: ValueType<string[]> = {
  kind: 'multi',
  noun: 'one or more values',
  read: (raw) => foldedSet(multiFrom(raw)),
  parse(value) {
    const values = foldedSet(multiFrom(value));
    if (values === null || values === UNREADABLE) return fail('Enter one or more values separated by ";"');
    return ok(values);
  },
  equal: (a, b) => a.length === b.length && b.every((v) => a.includes(v)),
  exact(raw) {
    const values = multiFrom(raw);
    if (values === null || values === UNREADABLE) return null;
    return [...new Set(values)].sort().join('\u001f');
  },
};

export const VALUE_TYPES: { [K in ValueKind]: ValueType<never> } = {
  text: textType as ValueType<never>,
  id: idType as ValueType<never>,
  number: numberType as ValueType<never>,
  boolean: booleanType as ValueType<never>,
  date: dateType as ValueType<never>,
  datetime: dateTimeType as ValueType<never>,
  multi: multiType as ValueType<never>,
};

export function valueTypeOf(kind: ValueKind): ValueType<unknown> {
  return VALUE_TYPES[kind];
}
