import { describe, expect, it } from 'vitest';
import { UNREADABLE, dateTimeType, multiType, parseIsoDate, parseIsoDateTime, textType, toEighteenCharacterId } from './values';

describe('values', () => {
  it('converts 15-character Ids to their 18-character form', () => {
    expect(toEighteenCharacterId('00D000000000062')).toBe('00D000000000062EAA');
    expect(toEighteenCharacterId('005000000000AbC')).toBe('005000000000AbCAAU');
    expect(toEighteenCharacterId('005000000000AbCAAU')).toBe('005000000000AbCAAU');
  });

  it('parses calendar dates strictly', () => {
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-00-10')).toBeNull();
    expect(parseIsoDate('2024-1-10')).toBeNull();
  });

  it('parses datetimes with every zone form Salesforce and PagerDuty write', () => {
    const utc = Date.UTC(2024, 4, 1, 10, 0, 0);
    expect(parseIsoDateTime('2024-05-01T10:00:00Z')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T10:00:00.000+0000')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T12:00:00+02:00')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T05:30:00-0430')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T11:00:00+01')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T10:00Z')).toBe(utc);
    expect(parseIsoDateTime('2024-05-01T10:00:00')).toBeNull();
    expect(parseIsoDateTime('2024-05-01T24:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2024-05-01T10:00:00+25:00')).toBeNull();
    expect(dateTimeType.read(12345)).toBe(UNREADABLE);
  });

  it('keeps case for "changed" and folds it for comparison', () => {
    expect(textType.read('AbC')).toBe('abc');
    expect(textType.exact('AbC')).toBe('AbC');
    expect(textType.exact('')).toBeNull();
    expect(multiType.read(' B ;a;A;')).toEqual(['b', 'a']);
    expect(multiType.exact('B;A')).toBe(multiType.exact(['A', 'B']));
    expect(multiType.exact('B;a')).not.toBe(multiType.exact('B;A'));
    expect(multiType.read({})).toBe(UNREADABLE);
  });
});
