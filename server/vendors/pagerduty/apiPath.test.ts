import { describe, expect, it } from 'vitest';
import { apiPath } from './client';

/** Where a request built from `apiPath` lands once the URL is resolved, as fetch resolves it. */
const landsOn = (path: string): string => new URL(`https://api.pagerduty.com${path}`).pathname;

describe('apiPath', () => {
  it('keeps every interpolated id inside its own path segment', () => {
    for (const id of ['../teams/PTEAM01', 'P1?x=1', 'P1#frag', '%2e%2e', 'P1/../../abilities']) {
      expect(landsOn(apiPath`/incidents/${id}/notes`)).toBe(`/incidents/${encodeURIComponent(id)}/notes`);
    }
  });

  it('refuses ids a URL would resolve away (".", "..") and the empty id', () => {
    for (const id of ['.', '..', '']) expect(() => apiPath`/incidents/${id}`).toThrow(`Not a PagerDuty id for a REST path: "${id}"`);
    expect(apiPath`/incidents/${'P1ABCDE'}/notes`).toBe('/incidents/P1ABCDE/notes');
  });
});
