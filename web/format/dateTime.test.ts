import { describe, expect, it } from 'vitest';
import { formatDateTime } from './dateTime';

describe('formatDateTime', () => {
  it('shows an instant in local time, and unparseable text as it came', () => {
    const iso = '2026-03-01T09:30:00.000Z';
    expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString());
    expect(formatDateTime(iso)).not.toBe(iso);
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
