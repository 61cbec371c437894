import { describe, expect, it } from 'vitest';
import type { PolicyOnCall } from '../../vendors/pagerduty/onCalls';
import { escalationLevelOf } from './escalationLevel';

const onCalls = (policy: string, levels: string[][]): PolicyOnCall[] =>
  levels.flatMap((users, index) => users.map((userId) => ({ escalationPolicyId: policy, level: index + 1, userId })));

describe('escalationLevelOf', () => {
  const support = onCalls('PSUP', [['alan'], ['katherine'], ['ada']]);

  it('is the level whose on-calls include every assignee', () => {
    expect(escalationLevelOf('PSUP', ['alan'], support)).toBe(1);
    expect(escalationLevelOf('PSUP', ['katherine'], support)).toBe(2);
    expect(escalationLevelOf('PSUP', ['ada'], [...support, ...onCalls('PENG', [['grace'], ['ada']])])).toBe(3);
    expect(escalationLevelOf('PSUP', ['alan', 'grace'], onCalls('PSUP', [['alan', 'grace'], ['ada']]))).toBe(1);
  });

  it('is unknown (null) rather than a guess', () => {
    // Resolved: nobody is assigned.
    expect(escalationLevelOf('PSUP', [], support)).toBeNull();
    // Reassigned to someone on call at no level, or assignees of two different levels.
    expect(escalationLevelOf('PSUP', ['grace'], support)).toBeNull();
    expect(escalationLevelOf('PSUP', ['alan', 'katherine'], support)).toBeNull();
    // One person on call at levels 1 and 2: a fresh incident and an escalated one look the same.
    expect(escalationLevelOf('PSUP', ['alan'], onCalls('PSUP', [['alan'], ['alan', 'katherine']]))).toBeNull();
    // Another policy's on-calls say nothing of this one.
    expect(escalationLevelOf('PSUP', ['grace'], onCalls('PENG', [['grace']]))).toBeNull();
  });
});
