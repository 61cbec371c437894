import { describe, expect, it } from 'vitest';
import { caseCount, customerSummary, timeOpen, utcTime } from './dashboardFormat';

describe('customerSummary', () => {
  it('names the service and quotes the latest status update with its UTC time', () => {
    expect(
      customerSummary({
        serviceName: 'Checkout API',
        status: 'acknowledged',
        latestStatusUpdate: { message: ' A fix is being deployed. ', at: '2026-12-07T10:42:31Z' },
      }),
    ).toBe('We are aware of an issue affecting Checkout API. Latest update (10:42 UTC): A fix is being deployed.');
  });

  it('leaves the time out when it is unknown', () => {
    expect(customerSummary({ serviceName: 'Checkout API', status: 'triggered', latestStatusUpdate: { message: 'Investigating.', at: null } })).toBe(
      'We are aware of an issue affecting Checkout API. Latest update: Investigating.',
    );
  });

  it('says the team is on it when there is no status update yet', () => {
    expect(customerSummary({ serviceName: 'Checkout API', status: 'acknowledged', latestStatusUpdate: null })).toBe(
      'We are aware of an issue affecting Checkout API. Our team is working on it, and we will share an update soon.',
    );
    expect(customerSummary({ serviceName: 'Checkout API', status: 'triggered', latestStatusUpdate: null })).toContain('has been alerted');
  });
});

describe('timeOpen, utcTime and caseCount', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it('formats minutes, hours and days', () => {
    expect(timeOpen('2026-12-07T11:15:00Z', now)).toBe('45 min');
    expect(timeOpen('2026-12-07T08:55:00Z', now)).toBe('3 h 05 min');
    expect(timeOpen('2026-12-05T08:00:00Z', now)).toBe('2 d 4 h');
  });
  it('pads the UTC time and counts Cases', () => {
    expect(utcTime('2026-12-07T09:05:00Z')).toBe('09:05 UTC');
    expect(caseCount(1)).toBe('1 Case');
    expect(caseCount(2)).toBe('2 Cases');
  });
});
