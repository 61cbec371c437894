import { describe, expect, it } from 'vitest';
import { SYNC_MARKER, carriesSyncMarker, caseChangeEcho, caseCommentEcho, incidentEventEcho, markAsSynced, sameSalesforceId } from './echoGuard';

const INTEGRATION_USER_18 = '005000000000001AAA';
const INTEGRATION_USER_15 = '005000000000001';
const PERSON = '005000000000002AAA';

describe('echo guard', () => {
  it('marks with U+200B ZERO WIDTH SPACE, which it then recognises', () => {
    expect(SYNC_MARKER).toBe('\u200b');
    expect(markAsSynced('Ada (PagerDuty note): on it')).toBe('Ada (PagerDuty note): on it\u200b');
    expect(carriesSyncMarker(markAsSynced('on it'))).toBe(true);
    expect(carriesSyncMarker('on it')).toBe(false);
    expect(carriesSyncMarker('')).toBe(false);
    expect(carriesSyncMarker(null)).toBe(false);
  });

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

  it('skips a Case comment by the integration user or carrying the marker, and syncs a person’s', () => {
    const note = 'Comment written by the integration: not synced back';
    expect(caseCommentEcho({ createdById: INTEGRATION_USER_15, body: 'hello' }, INTEGRATION_USER_18)).toBe(note);
    // Written by another user on our behalf (or before the integration user was known): the marker tells.
    expect(caseCommentEcho({ createdById: PERSON, body: markAsSynced('hello') }, INTEGRATION_USER_18)).toBe(note);
    expect(caseCommentEcho({ createdById: PERSON, body: markAsSynced('hello') }, undefined)).toBe(note);
    expect(caseCommentEcho({ createdById: PERSON, body: 'hello' }, INTEGRATION_USER_18)).toBeUndefined();
    expect(caseCommentEcho({ createdById: PERSON, body: 'hello' }, undefined)).toBeUndefined();
  });

  it('skips an incident event made by the integration user or a note carrying the marker', () => {
    const note = 'Made by the integration user: an echo of our own change, rules not run';
    expect(incidentEventEcho('PINTEGR', null, 'PINTEGR')).toBe(note);
    expect(incidentEventEcho(undefined, markAsSynced('Ada (Salesforce comment): hi'), 'PINTEGR')).toBe(note);
    expect(incidentEventEcho('PRESPON', markAsSynced('hi'), 'PINTEGR')).toBe(note);
    expect(incidentEventEcho('PRESPON', 'hi', 'PINTEGR')).toBeUndefined();
    expect(incidentEventEcho('PRESPON', null, 'PINTEGR')).toBeUndefined();
  });

  it('does not take an event with no agent for ours when the integration user is unknown', () => {
    expect(incidentEventEcho(undefined, null, undefined)).toBeUndefined();
    expect(incidentEventEcho('', 'hi', undefined)).toBeUndefined();
    // PagerDuty user Ids are exact: no 15/18 folding.
    expect(incidentEventEcho('PINTEGRX', null, 'PINTEGR')).toBeUndefined();
  });
});
