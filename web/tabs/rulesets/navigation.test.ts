import { describe, expect, it } from 'vitest';
import { formatLocation, move, parseLocation } from './navigation';

describe('navigation', () => {
  it('keeps the place in the hash and moves items within bounds', () => {
    expect(parseLocation(formatLocation({ rulesetId: 'a b', ruleId: 'r/1' }))).toEqual({ rulesetId: 'a b', ruleId: 'r/1' });
    expect(parseLocation('#rule=x')).toEqual({ rulesetId: null, ruleId: null });
    expect(formatLocation({ rulesetId: null, ruleId: 'x' })).toBe('');
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
