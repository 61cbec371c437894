import { describe, expect, it } from 'vitest';
import { NAME_MAX_LENGTH, rulesetNameKey, uniqueRulesetName } from './model';

describe('ruleset names', () => {
  it('are the same name whatever their case and surrounding spaces', () => {
    expect(rulesetNameKey('  Support ')).toBe(rulesetNameKey('SUPPORT'));
    expect(rulesetNameKey('Ünterstützung')).toBe(rulesetNameKey('ÜNTERSTÜTZUNG'));
    expect(rulesetNameKey('Sup port')).not.toBe(rulesetNameKey('Support'));
  });

  it('get the first free "Name (n)" when taken, within the length limit', () => {
    const taken = new Set(['support', 'support (2)']);
    expect(uniqueRulesetName('Engineering', taken)).toBe('Engineering');
    expect(uniqueRulesetName(' SUPPORT ', taken)).toBe('SUPPORT (3)');
    const long = 'x'.repeat(NAME_MAX_LENGTH);
    const renamed = uniqueRulesetName(long, new Set([long]));
    expect(renamed).toBe(`${'x'.repeat(NAME_MAX_LENGTH - 4)} (2)`);
    expect(renamed).toHaveLength(NAME_MAX_LENGTH);
  });
});
