import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../contracts/api';
import type { PagerDutySettings, SalesforceSettings } from './store/connections';
import { startDemoApp, type DemoApp } from './testing/demoApp';

/**
 * The CONNECTIONS tab's Test buttons, through the HTTP API, against both emulators: success
 * and every failure the issue lists, each with a plain reason and what to fix.
 */
let app: DemoApp;
let auth: { cookie: string; csrf: string };
let goodPd: PagerDutySettings;
let goodSf: SalesforceSettings;

beforeAll(async () => {
  app = await startDemoApp();
  const session = await app.signIn();
  auth = { cookie: session.cookie, csrf: session.csrfToken };
  goodPd = await app.ctx.connections.pagerduty();
  goodSf = await app.ctx.connections.salesforce();
  return () => app.close();
}, 60_000);

beforeEach(async () => {
  await app.ctx.connections.savePagerDuty(goodPd);
  await app.ctx.connections.saveSalesforce(goodSf);
  app.emulators.pagerduty.context.faults.clear();
  app.emulators.salesforce.context.faults.clear();
});

async function test(which: 'pagerduty/test' | 'pagerduty/test-user' | 'salesforce/test'): Promise<ConnectionTestResult> {
  const response = await fetch(`${app.url}/api/connections/${which}`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf } });
  expect(response.status).toBe(200);
  return (await response.json()) as ConnectionTestResult;
}

async function put(which: 'pagerduty' | 'salesforce', body: unknown) {
  const response = await fetch(`${app.url}/api/connections/${which}`, {
    method: 'PUT',
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function userState(username: string, state: Record<string, boolean>) {
  const response = await fetch(`${app.emulators.salesforce.url}/__emulator/users/${encodeURIComponent(username)}/state`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(state),
  });
  expect(response.status).toBe(200);
}

describe('Test REST API connection (PagerDuty)', () => {
  it('says Connection OK with a working key', async () => {
    expect(await test('pagerduty/test')).toMatchObject({ ok: true, message: 'Connection OK' });
  });

  it('explains a wrong key', async () => {
    await put('pagerduty', { apiKey: 'u+this-key-does-not-exist' });
    const result = await test('pagerduty/test');
    expect(result).toMatchObject({ ok: false, reason: 'invalid_key' });
    expect(result.hint).toMatch(/API Access Keys/);
  });

  it('explains a read-only key', async () => {
    await put('pagerduty', { apiKey: app.emulators.pagerduty.seedInfo().keys.readOnly });
    expect(await test('pagerduty/test')).toMatchObject({ ok: false, reason: 'read_only_key' });
  });

  it('explains a missing ability', async () => {
    app.emulators.pagerduty.context.faults.add({ path: '^/abilities/urgencies$', status: 402, code: 2012, message: 'Account does not have the ability' });
    expect(await test('pagerduty/test')).toMatchObject({ ok: false, reason: 'missing_ability' });
  });

  it('explains an unreachable API', async () => {
    // A new host needs its key entered with it (the stored one is not handed to another host).
    await put('pagerduty', { apiUrl: 'http://127.0.0.1:9', apiKey: app.emulators.pagerduty.seedInfo().keys.account });
    const result = await test('pagerduty/test');
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(result.message).toMatch(/127\.0\.0\.1:9/);
  });
});

describe('Test integration user (PagerDuty)', () => {
  it('names the user when the From email exists', async () => {
    const result = await test('pagerduty/test-user');
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toContain(goodPd.fromEmail!);
  });

  it('explains an email that is no PagerDuty user', async () => {
    await put('pagerduty', { fromEmail: 'nobody@example.com' });
    expect(await test('pagerduty/test-user')).toMatchObject({ ok: false, reason: 'user_not_found' });
  });
});

describe('Test Salesforce authentication', () => {
  it('says Connection OK with username, password and security token, and reports the API budget', async () => {
    const result = await test('salesforce/test');
    expect(result).toMatchObject({ ok: true, message: 'Connection OK' });
    expect(typeof result.details?.apiLimit).toBe('number');
    expect(typeof result.details?.apiUsed).toBe('number');
  });

  it('explains a bad security token', async () => {
    await put('salesforce', { securityToken: 'WRONGTOKEN' });
    expect(await test('salesforce/test')).toMatchObject({ ok: false, reason: 'invalid_login' });
  });

  it('explains an expired password', async () => {
    await userState(goodSf.username!, { passwordExpired: true });
    try {
      expect(await test('salesforce/test')).toMatchObject({ ok: false, reason: 'password_expired' });
    } finally {
      await userState(goodSf.username!, { passwordExpired: false });
    }
  });

  it('explains API access disabled', async () => {
    await userState(goodSf.username!, { apiEnabled: false });
    try {
      expect(await test('salesforce/test')).toMatchObject({ ok: false, reason: 'api_disabled' });
    } finally {
      await userState(goodSf.username!, { apiEnabled: true });
    }
  });

  it('explains an unreachable login host', async () => {
    await put('salesforce', { environment: 'custom', loginUrl: 'http://127.0.0.1:9', password: goodSf.password, securityToken: goodSf.securityToken });
    expect(await test('salesforce/test')).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('connects with the OAuth client credentials of the connected app', async () => {
    const { connectedApp } = app.emulators.salesforce.seedInfo();
    await put('salesforce', { authMode: 'client_credentials', clientId: connectedApp.clientId, clientSecret: connectedApp.clientSecret });
    expect(await test('salesforce/test')).toMatchObject({ ok: true });
  });

  it('explains an unknown connected app', async () => {
    await put('salesforce', { authMode: 'client_credentials', clientId: 'not-a-client', clientSecret: 'nope' });
    const result = await test('salesforce/test');
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/invalid_client|invalid_grant/);
  });

  it('connects with the JWT bearer flow, and explains a key that does not match the certificate', async () => {
    const { connectedApp } = app.emulators.salesforce.seedInfo();
    await put('salesforce', { authMode: 'jwt', clientId: connectedApp.clientId, privateKey: connectedApp.privateKeyPem });
    expect(await test('salesforce/test')).toMatchObject({ ok: true });
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await put('salesforce', { privateKey: other });
    expect(await test('salesforce/test')).toMatchObject({ ok: false, reason: 'invalid_grant' });
  });

  it('asks for what is missing in the chosen mode', async () => {
    // No alias was ever set (clearing one is refused on the Alias field since D5).
    await put('salesforce', { authMode: 'sfdx' });
    const result = await test('salesforce/test');
    expect(result).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(result.message).toMatch(/alias/);
  });
});
