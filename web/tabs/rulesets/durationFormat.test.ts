import { describe, expect, it } from 'vitest';
import { durationMinutes, formatDuration, splitDuration } from './durationFormat';

describe('snooze durations', () => {
  it('shows minutes in the largest unit that keeps the amount whole', () => {
    expect(splitDuration(60)).toEqual({ amount: 1, unit: 'hours' });
    expect(splitDuration(2880)).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration(0)).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('reads an amount and a unit as minutes, leaving bad input for the server to name', () => {
    expect(durationMinutes('2', 'hours')).toBe(120);
    expect(durationMinutes('7', 'days')).toBe(10_080);
    expect(durationMinutes('', 'hours')).toBe(0);
    expect(durationMinutes('abc', 'minutes')).toBe(0);
    expect(durationMinutes('1.5', 'minutes')).toBe(1.5);
    expect(durationMinutes('0.5', 'hours')).toBe(30);
  });

  it('says a duration in words', () => {
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(90)).toBe('1 hour 30 minutes');
    expect(formatDuration(1500)).toBe('1 day 1 hour');
    expect(formatDuration(10_080)).toBe('7 days');
  });
});
