/**
 * Saving the CONNECTIONS forms over HTTP: each refusal names the field that is actually wrong,
 * and a save answers at once whether the saved settings work (against both emulators).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../contracts/api';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import { startTestServer, type TestServer } from '../testing/harness';

interface FieldErrorReply {
  error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } };
}

let app: TestServer;
let auth: { cookie: string; csrfToken: string };
let pd: PagerDutyEmulator;
let sf: SalesforceEmulator;

beforeAll(async () => {
  [app, pd, sf] = await Promise.all([startTestServer(), startPagerDutyEmulator({ seed: 'demo' }), startSalesforceEmulator({ seed: 'demo' })]);
  auth = await app.signIn();
});
afterAll(async () => {
  await Promise.all([app.close(), pd.close(), sf.close()]);
});

async function put(route: string, body: unknown) {
  const response = await fetch(`${app.url}${route}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as FieldErrorReply };
}

const fieldsOf = (reply: FieldErrorReply) => reply.error.details?.fields ?? [];

/** The check a save answers with (the reply's `test`). */
function testOf(reply: { status: number; body: unknown }): ConnectionTestResult {
  expect(reply.status).toBe(200);
  return (reply.body as { test: ConnectionTestResult }).test;
}

describe('PUT /api/connections/salesforce', () => {
  const saved = {
    authMode: 'password',
    environment: 'custom',
    loginUrl: 'http://127.0.0.1:9',
    username: 'int@example.com',
    password: 'Sup3r-Secret',
    securityToken: 'TOKEN',
  };

  beforeEach(async () => {
    expect((await put('/api/connections/salesforce', saved)).status).toBe(200);
  });

  it('flags Username, not Password, when the username is cleared', async () => {
    for (const username of [null, '', '   ']) {
      const reply = await put('/api/connections/salesforce', { authMode: 'password', username });
      expect(reply.status, JSON.stringify(username)).toBe(400);
      expect(fieldsOf(reply.body)).toEqual([{ path: 'username', message: 'Enter the username, e.g. integration@acme.com' }]);
      expect(reply.body.error.message).toBe('Enter the username, e.g. integration@acme.com');
    }
    const stored = await app.ctx.connections.salesforce();
    expect(stored).toMatchObject({ username: 'int@example.com', password: 'Sup3r-Secret', securityToken: 'TOKEN' });
  });

  it('flags Username for JWT bearer too, and every text field a mode needs', async () => {
    const jwt = await put('/api/connections/salesforce', { authMode: 'jwt', clientId: 'client', username: null });
    expect(fieldsOf(jwt.body).map((field) => field.path)).toEqual(['username']);
    const clientCredentials = await put('/api/connections/salesforce', { authMode: 'client_credentials', clientId: '' });
    expect(fieldsOf(clientCredentials.body)).toEqual([{ path: 'clientId', message: 'Enter the consumer key of the connected app' }]);
    const sfdx = await put('/api/connections/salesforce', { authMode: 'sfdx', alias: null });
    expect(fieldsOf(sfdx.body)).toEqual([{ path: 'alias', message: 'Enter the org alias or username the sf CLI knows' }]);
    // A field the chosen mode does not use may be cleared.
    expect((await put('/api/connections/salesforce', { authMode: 'password', clientId: null })).status).toBe(200);
  });

  it('still asks for the password when the username changes to another one', async () => {
    const reply = await put('/api/connections/salesforce', { authMode: 'password', username: 'someone-else@example.com' });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply.body)).toEqual([{ path: 'password', message: 'Required when the login host or username changes' }]);
    expect((await app.ctx.connections.salesforce()).username).toBe('int@example.com');
  });
});

describe('a save tests what it saved', () => {
  it('saves a wrong PagerDuty key, and says at once that PagerDuty refuses it and why', async () => {
    const reply = await put('/api/connections/pagerduty', { apiUrl: pd.url, apiKey: 'u+this-key-does-not-exist', fromEmail: null });
    expect(reply.body).toMatchObject({ configured: true, apiKey: { set: true } });
    expect(testOf(reply)).toMatchObject({ ok: false, reason: 'invalid_key', message: 'PagerDuty rejected the REST API key.' });
    expect(testOf(reply).hint).toMatch(/copy a valid key/);
    expect((await app.ctx.connections.pagerduty()).apiKey).toBe('u+this-key-does-not-exist');
    // SUMMARY shows the same answer without testing again.
    expect(await app.ctx.health.check('pagerduty')).toMatchObject({ ok: false, reason: 'invalid_key', checkedAt: testOf(reply).checkedAt });
  });

  it('says which other PagerDuty problem it found: a read-only key, an unreachable host', async () => {
    const readOnly = await put('/api/connections/pagerduty', { apiUrl: pd.url, apiKey: pd.seedInfo().keys.readOnly });
    expect(testOf(readOnly)).toMatchObject({ ok: false, reason: 'read_only_key' });
    const unreachable = await put('/api/connections/pagerduty', { apiUrl: 'http://127.0.0.1:9', apiKey: pd.seedInfo().keys.account });
    expect(testOf(unreachable)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('accepts an http:// API URL, and warns that the key travels unencrypted unless the host is this machine', async () => {
    const remote = await put('/api/connections/pagerduty', { apiUrl: 'http://0.0.0.0:9', apiKey: pd.seedInfo().keys.account });
    expect(remote.status).toBe(200);
    expect(remote.body).toMatchObject({ apiUrl: 'http://0.0.0.0:9', apiUrlWarning: expect.stringContaining('travel unencrypted to 0.0.0.0:9') as unknown });
    const listed = await fetch(`${app.url}/api/connections`, { headers: { cookie: auth.cookie } });
    expect(((await listed.json()) as { pagerduty: { apiUrlWarning: string | null } }).pagerduty.apiUrlWarning).toMatch(/unencrypted/);
    for (const apiUrl of ['http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9', 'https://127.0.0.1:9']) {
      const reply = await put('/api/connections/pagerduty', { apiUrl });
      expect(reply.body, apiUrl).toMatchObject({ apiUrlWarning: null });
    }
  });

  it('does not hand the stored key to a new API host: another origin needs the key entered again', async () => {
    await put('/api/connections/pagerduty', { apiUrl: pd.url, apiKey: pd.seedInfo().keys.account });
    const moved = await put('/api/connections/pagerduty', { apiUrl: 'http://127.0.0.1:9' });
    expect(moved.body).toMatchObject({ apiUrl: 'http://127.0.0.1:9', apiKey: { set: false } });
    expect((await app.ctx.connections.pagerduty()).apiKey).toBeUndefined();
    // The same host keeps it (a trailing slash or a path is not another host).
    await put('/api/connections/pagerduty', { apiUrl: pd.url, apiKey: pd.seedInfo().keys.account });
    const same = await put('/api/connections/pagerduty', { apiUrl: `${pd.url}/` });
    expect(same.body).toMatchObject({ apiKey: { set: true } });
  });

  it('answers Connection OK for a working PagerDuty key', async () => {
    const reply = await put('/api/connections/pagerduty', {
      apiUrl: pd.url,
      apiKey: pd.seedInfo().keys.account,
      fromEmail: pd.seedInfo().integrationUserEmail,
    });
    expect(testOf(reply)).toMatchObject({ ok: true, message: 'Connection OK' });
  });

  it('saves a wrong Salesforce password, says that Salesforce rejects the login, and answers OK once it is right', async () => {
    const user = sf.seedInfo().users.find((candidate) => candidate.role === 'integration')!;
    const login = { authMode: 'password', environment: 'custom', loginUrl: sf.url, username: user.username, securityToken: user.securityToken };
    const wrong = await put('/api/connections/salesforce', { ...login, password: 'not-the-password' });
    expect(testOf(wrong)).toMatchObject({ ok: false, reason: 'invalid_login', message: 'Salesforce rejected the username, password or security token.' });
    expect((await app.ctx.connections.salesforce()).password).toBe('not-the-password');
    const right = await put('/api/connections/salesforce', { ...login, password: user.password });
    expect(testOf(right)).toMatchObject({ ok: true, message: 'Connection OK' });
  });
});
