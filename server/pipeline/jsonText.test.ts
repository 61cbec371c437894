import { describe, expect, it } from 'vitest';
import { jsonText } from './jsonText';

describe('jsonText', () => {
  it('prints strings, numbers and booleans as String() does, and null or absent as empty', () => {
    expect(jsonText('Printer on fire')).toBe('Printer on fire');
    expect(jsonText(42)).toBe('42');
    expect(jsonText(false)).toBe('false');
    expect(jsonText(null)).toBe('');
    expect(jsonText(undefined)).toBe('');
  });

  it('prints objects and arrays as JSON, not "[object Object]"', () => {
    expect(jsonText({ city: 'Paris' })).toBe('{"city":"Paris"}');
    expect(jsonText(['a', 1])).toBe('["a",1]');
  });
});
