import { describe, expect, it } from 'vitest';
import { formatTraceValue } from './traceFormat';

describe('formatTraceValue', () => {
  it('formats trace values so blanks and strings are told apart', () => {
    expect(formatTraceValue(null)).toBe('(blank)');
    expect(formatTraceValue(undefined)).toBe('(none)');
    expect(formatTraceValue('5')).toBe('"5"');
    expect(formatTraceValue(5)).toBe('5');
    expect(formatTraceValue(['a', null])).toBe('"a", (blank)');
    expect(formatTraceValue([])).toBe('(empty list)');
    expect(formatTraceValue({ street: 'Main St' })).toBe('{"street":"Main St"}');
  });
});
