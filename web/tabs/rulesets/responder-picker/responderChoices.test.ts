import { describe, expect, it } from 'vitest';
import { addableResponders, parseIdList, responderPills, withResponder } from './responderChoices';

const lists = {
  users: [
    { id: 'PU1', name: 'Ada Lovelace', email: 'ada@example.com' },
    { id: 'PU2', name: 'Grace Hopper', email: 'grace@example.com' },
  ],
  escalationPolicies: [{ id: 'PE1', name: 'Support Escalation' }],
};

describe('responder choices', () => {
  it('shows chosen users then escalation policies by name, and marks an id PagerDuty does not list', () => {
    expect(responderPills({ userIds: ['PU2', 'PGONE'], escalationPolicyIds: ['PE1'] }, lists)).toEqual([
      { kind: 'user', id: 'PU2', label: 'Grace Hopper', unknown: false },
      { kind: 'user', id: 'PGONE', label: 'PGONE (not found in PagerDuty)', unknown: true },
      { kind: 'policy', id: 'PE1', label: 'Support Escalation', unknown: false },
    ]);
  });

  it('offers only what is not chosen yet', () => {
    const addable = addableResponders({ userIds: ['PU1'], escalationPolicyIds: ['PE1'] }, lists);
    expect(addable.users.map((user) => user.id)).toEqual(['PU2']);
    expect(addable.policies).toEqual([]);
  });

  it('adds once, removes, and drops an emptied escalation policy list', () => {
    const action: { type: 'add_responders'; userIds: string[]; escalationPolicyIds?: string[]; message: string } = {
      type: 'add_responders',
      userIds: [],
      message: 'm',
    };
    const withAda = withResponder(action, 'user', 'PU1', true);
    expect(withAda).toEqual({ type: 'add_responders', userIds: ['PU1'], message: 'm' });
    expect(withResponder(withAda, 'user', 'PU1', true)).toEqual(withAda);
    const withPolicy = withResponder(withAda, 'policy', 'PE1', true);
    expect(withPolicy.escalationPolicyIds).toEqual(['PE1']);
    expect(withResponder(withPolicy, 'policy', 'PE1', false)).toEqual(withAda);
    expect(withResponder(withAda, 'user', 'PU1', false)).toEqual({ type: 'add_responders', userIds: [], message: 'm' });
  });

  it('reads typed ids when the lists are unavailable', () => {
    expect(parseIdList(' PU1, PU2  PU1,,')).toEqual(['PU1', 'PU2']);
    expect(parseIdList('')).toEqual([]);
  });
});
