import { describe, expect, it } from 'vitest';
import { sameValue } from './processEvent';

describe('sameValue (snapshot diffing)', () => {
  it('compares datetimes by instant, whatever the format Salesforce used', () => {
    expect(sameValue('2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000+0000')).toBe(true);
    expect(sameValue('2026-01-02T03:04:05.000+0100', '2026-01-02T02:04:05Z')).toBe(true);
    expect(sameValue('2026-01-02T03:04:05Z', '2026-01-02T03:04:06.000+0000')).toBe(false);
  });

  it('treats absent and null alike, and compares other values exactly', () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue('High', 'High')).toBe(true);
    expect(sameValue('High', 'high')).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(['a'], ['a'])).toBe(true);
  });
});
