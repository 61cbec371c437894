import { describe, expect, it } from 'vitest';
import type { RulesetTemplateView } from '../../../../contracts/authoring';
import { addRequest, blockedReason, serviceChoice } from './templateChoices';

const services = [
  { id: 'PCHECK', name: 'Checkout API', escalationPolicyId: null },
  { id: 'PSUPP', name: 'Customer Support', escalationPolicyId: null },
];
const pager: RulesetTemplateView = { key: 'page', name: 'Page', description: '', needs: ['service'], ruleNames: [] };
const follow: RulesetTemplateView = { key: 'follow', name: 'Follow', description: '', needs: [], ruleNames: [] };

describe('ruleset template choices', () => {
  it("starts with the account's first service, and keeps a choice that still exists", () => {
    expect(serviceChoice(services, undefined)).toBe('PCHECK');
    expect(serviceChoice(services, 'PSUPP')).toBe('PSUPP');
    expect(serviceChoice(services, 'PGONE')).toBe('PCHECK');
    expect(serviceChoice([], undefined)).toBe('');
  });

  it('blocks a template that needs a service until one can be chosen', () => {
    expect(blockedReason(follow, undefined, '')).toBeUndefined();
    expect(blockedReason(pager, undefined, '')).toBe('Loading the PagerDuty services…');
    expect(blockedReason(pager, [], '')).toBe('PagerDuty lists no services: add one in PagerDuty first.');
    expect(blockedReason(pager, services, '')).toBe('Choose a PagerDuty service.');
    expect(blockedReason(pager, services, 'PSUPP')).toBeUndefined();
  });

  it('sends the service only to templates that need one', () => {
    expect(addRequest(pager, 'PSUPP')).toEqual({ serviceId: 'PSUPP' });
    expect(addRequest(follow, 'PSUPP')).toEqual({});
  });
});
