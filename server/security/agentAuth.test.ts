import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgentTokens, agentAllowed, allowedOrgIds, type AgentClaims } from './agentAuth';
import { SecretBox } from './secrets';

const claims: AgentClaims = {
  userId: '005000000000001AAA',
  orgId: '00D000000000001AAA',
  profileId: '00e000000000001AAA',
  email: 'agent@acme.test',
  name: 'Ada Agent',
  recordId: '500000000000001AAA',
  recordType: 'Case',
  expiresAt: 2_000,
};

describe('agent tokens', () => {
  const tokens = new AgentTokens(new SecretBox(crypto.randomBytes(32)));

  it('reads back the claims it sealed until they expire', () => {
    const token = tokens.issue(claims);
    expect(tokens.read(token, 1_999)).toEqual(claims);
    expect(tokens.read(token, 2_000)).toBeUndefined();
  });

  it('refuses a token sealed with another key, an altered token and garbage', () => {
    const other = new AgentTokens(new SecretBox(crypto.randomBytes(32)));
    expect(tokens.read(other.issue(claims), 0)).toBeUndefined();
    const token = tokens.issue(claims);
    const altered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(tokens.read(altered, 0)).toBeUndefined();
    expect(tokens.read('not-a-token', 0)).toBeUndefined();
  });
});

describe('which agents the Canvas settings allow', () => {
  const connected = '00D000000000001AAA';
  const otherOrg = '00D000000000009AAA';

  it('with no org listed, allows only the connected org, and no org at all without a Salesforce connection (fail closed)', () => {
    const none = { allowedOrgIds: [], allowedProfileIds: [] };
    expect(agentAllowed(none, claims, connected)).toBe(true);
    expect(agentAllowed(none, claims, otherOrg)).toBe(false);
    expect(agentAllowed(none, claims, undefined)).toBe(false);
    expect(allowedOrgIds(none, undefined)).toEqual([]);
  });

  it('with orgs listed, allows those only (15- or 18-character ids), whatever org is connected', () => {
    expect(agentAllowed({ allowedOrgIds: ['00D000000000001'], allowedProfileIds: ['00e000000000001AAA'] }, claims, undefined)).toBe(true);
    expect(agentAllowed({ allowedOrgIds: [otherOrg], allowedProfileIds: [] }, claims, connected)).toBe(false);
  });

  it('allows every profile when none is listed, else only those listed', () => {
    expect(agentAllowed({ allowedOrgIds: [], allowedProfileIds: ['00e000000000009AAA'] }, claims, connected)).toBe(false);
    expect(agentAllowed({ allowedOrgIds: [], allowedProfileIds: ['00e000000000001AAA'] }, claims, connected)).toBe(true);
    expect(agentAllowed({ allowedOrgIds: [], allowedProfileIds: ['00e000000000001AAA'] }, { ...claims, profileId: null }, connected)).toBe(false);
  });
});
