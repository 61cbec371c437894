import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, SessionReply } from '../contracts/api';
import { startTestServer, type TestServer } from './testing/harness';
import { errorOf, fieldErrorsOf } from './testing/replies';

const PD_KEY = 'u+PagerDutySecretKey-9f8e7d6c5b4a';
const SF_PASSWORD = 'Sup3r-Secret-Passw0rd!';
const SF_TOKEN = 'TOKENxyzSecurity123';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ ADMIN_PASSWORD: 'correct horse battery staple' });
});
afterAll(() => app.close());

async function api(method: string, route: string, options: { auth?: { cookie: string; csrfToken?: string }; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.auth) headers.cookie = options.auth.cookie;
  if (options.auth?.csrfToken) headers['x-csrf-token'] = options.auth.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(app.url + route, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('admin access', () => {
  it('answers 401 with the error envelope on every admin route without a session', async () => {
    for (const [method, route] of [
      ['GET', '/api/connections'],
      ['GET', '/api/summary'],
      ['PUT', '/api/connections/pagerduty'],
      ['POST', '/api/connections/salesforce/test'],
      ['DELETE', '/api/session'],
    ] as const) {
      const reply = await api(method, route, { body: method === 'GET' ? undefined : {} });
      expect(reply.status, `${method} ${route}`).toBe(401);
      expect(errorOf(reply).code).toBe('unauthenticated');
    }
  });

  it('answers 403 to a state-changing request without the CSRF token, even with a session', async () => {
    const { cookie } = await app.signIn();
    const reply = await api('PUT', '/api/connections/pagerduty', { auth: { cookie }, body: { apiKey: 'x'.repeat(20) } });
    expect(reply.status).toBe(403);
    expect(errorOf(reply).code).toBe('csrf_failed');
    const wrong = await api('PUT', '/api/connections/pagerduty', { auth: { cookie, csrfToken: 'not-the-token' }, body: {} });
    expect(wrong.status).toBe(403);
    expect((await app.ctx.connections.pagerduty()).apiKey).toBeUndefined();
  });

  it('signs in once with the one-time link; the cookie is httpOnly and SameSite=Strict', async () => {
    const link = await app.signInLink();
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/pdsc_session=[\w-]+/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const session = await api('GET', '/api/session', { auth: { cookie: setCookie.split(';')[0]! } });
    expect(session.body).toMatchObject({ authenticated: true, username: 'admin' });
    expect((session.body as SessionReply).csrfToken).toEqual(expect.any(String));

    const again = await fetch(link, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/?signin=expired');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with the password, rejects a wrong one, and signs out', async () => {
    expect((await api('POST', '/api/session', { body: { username: 'admin', password: 'wrong password!' } })).status).toBe(401);
    expect((await api('POST', '/api/session', { body: { username: 'nobody', password: 'x' } })).status).toBe(401);
    const ok = await api('POST', '/api/session', { body: { username: 'admin', password: 'correct horse battery staple' } });
    expect(ok.status).toBe(200);
    const auth = { cookie: ok.headers.get('set-cookie')!.split(';')[0]!, csrfToken: (ok.body as SessionReply).csrfToken };
    expect((await api('GET', '/api/connections', { auth })).status).toBe(200);
    expect((await api('DELETE', '/api/session', { auth })).status).toBe(204);
    expect((await api('GET', '/api/connections', { auth })).status).toBe(401);
  });

  it('sends security headers', async () => {
    const reply = await fetch(`${app.url}/api/session`);
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('connections', () => {
  it('stores secrets encrypted, never returns them, and never logs them', async () => {
    const auth = await app.signIn();
    const pd = await api('PUT', '/api/connections/pagerduty', {
      auth,
      body: { apiKey: PD_KEY, apiUrl: 'http://127.0.0.1:9/', fromEmail: 'integration@example.com' },
    });
    expect(pd.status).toBe(200);
    expect(pd.body).toMatchObject({ configured: true, apiUrl: 'http://127.0.0.1:9', apiKey: { set: true, hint: '…5b4a' } });
    const sf = await api('PUT', '/api/connections/salesforce', {
      auth,
      body: { authMode: 'password', environment: 'sandbox', username: 'int@example.com', password: SF_PASSWORD, securityToken: SF_TOKEN },
    });
    expect(sf.status).toBe(200);
    expect(sf.body).toMatchObject({ loginUrl: 'https://test.salesforce.com', password: { set: true }, securityToken: { set: true } });

    const all = await api('GET', '/api/connections', { auth });
    const replies = JSON.stringify([pd.body, sf.body, all.body]);
    for (const secret of [PD_KEY, SF_PASSWORD, SF_TOKEN]) {
      expect(replies).not.toContain(secret);
      expect(app.log.text).not.toContain(secret);
    }
    // The database files hold ciphertext only (WAL included), yet the app reads the secrets back.
    await app.ctx.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(app.dataDir).filter((name) => name.startsWith('app.db'))) {
      const bytes = fs.readFileSync(path.join(app.dataDir, file)).toString('latin1');
      for (const secret of [PD_KEY, SF_PASSWORD, SF_TOKEN]) expect(bytes, file).not.toContain(secret);
    }
    expect((await app.ctx.connections.pagerduty()).apiKey).toBe(PD_KEY);
    expect((await app.ctx.connections.salesforce()).password).toBe(SF_PASSWORD);
    expect(fs.statSync(path.join(app.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('asks for the password again when the login host or username changes', async () => {
    const auth = await app.signIn();
    const changed = await api('PUT', '/api/connections/salesforce', { auth, body: { username: 'someone-else@example.com' } });
    expect(changed.status).toBe(400);
    expect(fieldErrorsOf(changed).map((field) => field.path)).toEqual(['password']);
    expect((await app.ctx.connections.salesforce()).username).toBe('int@example.com');
    const withPassword = await api('PUT', '/api/connections/salesforce', {
      auth,
      body: { environment: 'production', password: 'An0ther-Passw0rd' },
    });
    expect(withPassword.status).toBe(200);
    expect(withPassword.body).toMatchObject({ loginUrl: 'https://login.salesforce.com', securityToken: { set: false } });
  });

  it('rejects invalid input with field paths and stores nothing', async () => {
    const auth = await app.signIn();
    const before = await app.ctx.connections.pagerduty();
    const bad = await api('PUT', '/api/connections/pagerduty', { auth, body: { apiUrl: 'not a url', fromEmail: 'nope' } });
    expect(bad.status).toBe(400);
    expect(
      fieldErrorsOf(bad)
        .map((field) => field.path)
        .sort(),
    ).toEqual(['apiUrl', 'fromEmail']);
    const unknown = await api('PUT', '/api/connections/pagerduty', { auth, body: { apiKey: 'k'.repeat(20), admin: true } });
    expect(unknown.status).toBe(400);
    const malformed = await api('PUT', '/api/connections/pagerduty', { auth, body: '{"apiKey": ' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed).code).toBe('validation_failed');
    expect(await app.ctx.connections.pagerduty()).toEqual(before);
  });

  it('explains an unreachable PagerDuty on the Test button', async () => {
    const auth = await app.signIn();
    const result = await api('POST', '/api/connections/pagerduty/test', { auth });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: false, reason: 'unreachable' });
    expect((result.body as ConnectionTestResult).hint).toMatch(/API base URL/);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 after ten attempts in the window', async () => {
    const limited = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        const reply = await fetch(`${limited.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: `guess-${attempt}` }),
        });
        statuses.push(reply.status);
      }
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    } finally {
      await limited.close();
    }
    // Ten scrypt hashes (N=2^17) take a while on a busy 2-core machine.
  }, 120_000);
});
