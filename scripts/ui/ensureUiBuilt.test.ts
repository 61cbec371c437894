import { describe, expect, it } from 'vitest';
import { decideUiBuild, type UiBuildState } from './ensureUiBuilt';

const unchanged: UiBuildState = { builtUiPresent: true, shippedHash: 'abc', sourcesHash: 'abc', viteInstalled: true };

describe('npm start: use the shipped UI, rebuild it, or refuse', () => {
  it('uses the shipped UI when its sources are unchanged, even with Vite installed', () => {
    expect(decideUiBuild(unchanged)).toEqual({ action: 'use-shipped' });
    expect(decideUiBuild({ ...unchanged, viteInstalled: false })).toEqual({ action: 'use-shipped' });
  });

  it.each<[string, Partial<UiBuildState>, RegExp]>([
    ['the sources changed', { sourcesHash: 'def' }, /sources changed/],
    ['dist/web is missing', { builtUiPresent: false }, /not built/],
    ['the record of the sources is missing', { shippedHash: undefined, sourcesHash: undefined }, /no readable record/],
  ])('rebuilds when %s and Vite is installed', (_case, change, reason) => {
    const decision = decideUiBuild({ ...unchanged, ...change });
    expect(decision.action).toBe('rebuild');
    if (decision.action === 'rebuild') expect(decision.reason).toMatch(reason);
  });

  it('refuses when the sources changed and Vite is not installed, saying how to build or undo', () => {
    const decision = decideUiBuild({ ...unchanged, sourcesHash: 'def', viteInstalled: false });
    expect(decision.action).toBe('refuse');
    if (decision.action === 'refuse') {
      expect(decision.message).toMatch(/npm ci --omit=dev/);
      expect(decision.message).toContain('npm ci && npm run build');
      expect(decision.message).toContain('git status -- web contracts rules dist');
    }
  });
});
