import { describe, expect, it } from 'vitest';
import { queryString } from './syncLogApi';

describe('SyncLogApi', () => {
  it('builds query strings with only the set filters, encoded', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ source: 'pagerduty', status: undefined, q: '' })).toBe('?source=pagerduty');
    expect(queryString({ q: 'a&b=c', limit: 50 })).toBe('?q=a%26b%3Dc&limit=50');
  });
});
