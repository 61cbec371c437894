import { describe, expect, it } from 'vitest';
import type { SalesforceConnectionView } from '../../../../contracts/api';
import { credentialFields, effectiveLoginUrl, isSalesforceDirty, salesforceDraftFrom, salesforceUpdateFrom } from './salesforceForm';

const unset = { set: false };
const view: SalesforceConnectionView = {
  configured: true,
  authMode: 'password',
  environment: 'production',
  loginUrl: 'https://login.salesforce.com',
  username: 'admin@acme.example',
  clientId: 'saved-client',
  alias: null,
  apiVersion: '62.0',
  password: { set: true, hint: 'word' },
  securityToken: { set: true, hint: 'oken' },
  clientSecret: unset,
  privateKey: unset,
  updatedAt: '2026-03-01T12:00:00.000Z',
};

describe('Salesforce form', () => {
  it('shows only the chosen mode’s credentials', () => {
    expect(credentialFields('password')).toEqual(['username', 'password', 'securityToken']);
    expect(credentialFields('client_credentials')).toEqual(['clientId', 'clientSecret']);
    expect(credentialFields('jwt')).toEqual(['clientId', 'username', 'privateKey']);
    expect(credentialFields('sfdx')).toEqual(['alias']);
  });

  it('starts from the saved settings with empty secrets', () => {
    const draft = salesforceDraftFrom(view);
    expect(draft).toMatchObject({ authMode: 'password', environment: 'production', loginUrl: '', username: 'admin@acme.example', password: '' });
    expect(salesforceDraftFrom({ ...view, environment: 'custom', loginUrl: 'https://acme.my.salesforce.com' }).loginUrl).toBe('https://acme.my.salesforce.com');
  });

  it('sends the password mode without untouched secrets or other modes’ fields', () => {
    expect(salesforceUpdateFrom(salesforceDraftFrom(view))).toEqual({
      authMode: 'password',
      apiVersion: '62.0',
      environment: 'production',
      username: 'admin@acme.example',
    });
  });

  it('sends newly typed secrets, trimmed, and the custom login URL', () => {
    const draft = {
      ...salesforceDraftFrom(view),
      environment: 'custom' as const,
      loginUrl: ' https://acme.my.salesforce.com ',
      password: ' pw ',
      securityToken: 'tok',
    };
    expect(salesforceUpdateFrom(draft)).toEqual({
      authMode: 'password',
      apiVersion: '62.0',
      environment: 'custom',
      loginUrl: 'https://acme.my.salesforce.com',
      username: 'admin@acme.example',
      password: 'pw',
      securityToken: 'tok',
    });
  });

  it('keeps a private key’s line breaks and ignores a blank one', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n';
    const draft = { ...salesforceDraftFrom(view), authMode: 'jwt' as const, privateKey: pem, password: 'ignored in jwt mode' };
    expect(salesforceUpdateFrom(draft)).toEqual({
      authMode: 'jwt',
      apiVersion: '62.0',
      environment: 'production',
      clientId: 'saved-client',
      username: 'admin@acme.example',
      privateKey: pem,
    });
    expect(salesforceUpdateFrom({ ...draft, privateKey: ' \n ' })).not.toHaveProperty('privateKey');
  });

  it('sends only the alias for the sf CLI mode, and clears empty text fields', () => {
    expect(salesforceUpdateFrom({ ...salesforceDraftFrom(view), authMode: 'sfdx', alias: '  ' })).toEqual({
      authMode: 'sfdx',
      apiVersion: '62.0',
      alias: null,
    });
  });

  it('knows the login host each environment means', () => {
    expect(effectiveLoginUrl({ environment: 'sandbox', loginUrl: 'ignored' })).toBe('https://test.salesforce.com');
    expect(effectiveLoginUrl({ environment: 'custom', loginUrl: ' https://x.my.salesforce.com ' })).toBe('https://x.my.salesforce.com');
  });

  it('knows when there are unsaved changes for the chosen mode', () => {
    const draft = salesforceDraftFrom(view);
    expect(isSalesforceDirty(draft, view)).toBe(false);
    expect(isSalesforceDirty({ ...draft, clientId: 'changed but hidden' }, view)).toBe(false);
    expect(isSalesforceDirty({ ...draft, username: 'other@acme.example' }, view)).toBe(true);
    expect(isSalesforceDirty({ ...draft, environment: 'sandbox' }, view)).toBe(true);
    expect(isSalesforceDirty({ ...draft, securityToken: 'new' }, view)).toBe(true);
    expect(isSalesforceDirty({ ...draft, authMode: 'sfdx' }, view)).toBe(true);
  });
});
