import { describe, expect, it } from 'vitest';
import { caseChangeEcho, caseCommentEcho, incidentEventEcho, sameSalesforceId } from './echoGuard';

const INTEGRATION_USER_18 = '005000000000001AAA';
const INTEGRATION_USER_15 = '005000000000001';
const PERSON = '005000000000002AAA';

describe('echo guard', () => {
  it('compares Salesforce Ids by their 15-character form', () => {
    expect(sameSalesforceId(INTEGRATION_USER_18, INTEGRATION_USER_15)).toBe(true);
    expect(sameSalesforceId(INTEGRATION_USER_15, INTEGRATION_USER_18)).toBe(true);
    expect(sameSalesforceId(INTEGRATION_USER_18, PERSON)).toBe(false);
  });

  it('skips a Case change committed by the integration user, whichever Id length either side uses', () => {
    expect(caseChangeEcho(INTEGRATION_USER_15, INTEGRATION_USER_18)).toBe('Written by the integration user: an echo of our own change, rules not run');
    expect(caseChangeEcho(INTEGRATION_USER_18, INTEGRATION_USER_18)).toBeDefined();
    expect(caseChangeEcho(PERSON, INTEGRATION_USER_18)).toBeUndefined();
  });

  it('runs the rules on a Case change when the committer or the integration user is unknown', () => {
    expect(caseChangeEcho(null, INTEGRATION_USER_18)).toBeUndefined();
    expect(caseChangeEcho(INTEGRATION_USER_18, undefined)).toBeUndefined();
  });

  it('skips a Case comment by the integration user or one it remembers writing, and syncs a person’s', () => {
    const note = 'Comment written by the integration: not synced back';
    expect(caseCommentEcho(INTEGRATION_USER_15, INTEGRATION_USER_18, false)).toBe(note);
    // Written by another user on our behalf (or before the integration user was known): the remembered write tells.
    expect(caseCommentEcho(PERSON, INTEGRATION_USER_18, true)).toBe(note);
    expect(caseCommentEcho(PERSON, undefined, true)).toBe(note);
    expect(caseCommentEcho(PERSON, INTEGRATION_USER_18, false)).toBeUndefined();
    expect(caseCommentEcho(PERSON, undefined, false)).toBeUndefined();
  });

  it('skips an incident event made by the integration user or a note it remembers writing', () => {
    const note = 'Made by the integration user: an echo of our own change, rules not run';
    expect(incidentEventEcho('PINTEGR', 'PINTEGR', false)).toBe(note);
    expect(incidentEventEcho(undefined, 'PINTEGR', true)).toBe(note);
    expect(incidentEventEcho('PRESPON', 'PINTEGR', true)).toBe(note);
    expect(incidentEventEcho('PRESPON', 'PINTEGR', false)).toBeUndefined();
  });

  it('does not take an event with no agent for ours when the integration user is unknown', () => {
    expect(incidentEventEcho(undefined, undefined, false)).toBeUndefined();
    expect(incidentEventEcho('', undefined, false)).toBeUndefined();
    // PagerDuty user Ids are exact: no 15/18 folding.
    expect(incidentEventEcho('PINTEGRX', 'PINTEGR', false)).toBeUndefined();
  });
});
