/**
 * The sync endpoints over HTTP: settings round trip and validation (400 with field paths),
 * manual sync runs (start, list, get, cancel) and their errors, admin session and CSRF required.
 * The app here has no Salesforce connection, so a started run fails with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness';
import { errorOf, fieldErrorsOf, type Reply } from '../testing/replies';
import type { IntakeStatusReply, SyncRunsReply, SyncRunView, SyncSettings } from '../../contracts/api';

let app: TestServer;
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  app = await startTestServer();
  auth = await app.signIn();
});
afterAll(async () => {
  await app.close();
});

async function api(method: string, route: string, body?: unknown, withAuth = true): Promise<Reply & { headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (withAuth) {
    headers.cookie = auth.cookie;
    headers['x-csrf-token'] = auth.csrfToken;
  }
  const response = await fetch(`${app.url}${route}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

describe('sync settings endpoints', () => {
  it('answer the defaults, then save a partial update', async () => {
    const initial = (await api('GET', '/api/sync/settings')) as Reply<SyncSettings>;
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ automaticSync: true, intakeMode: 'cdc', pollIntervalSeconds: 60, commentPollSeconds: 30 });
    expect(Date.parse(initial.body.startDate)).toBeLessThanOrEqual(Date.now());

    const saved = (await api('PUT', '/api/sync/settings', {
      intakeMode: 'poll',
      pollIntervalSeconds: 120,
      startDate: '2026-01-01T00:00:00Z',
    })) as Reply<SyncSettings>;
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...initial.body, intakeMode: 'poll', pollIntervalSeconds: 120, startDate: '2026-01-01T00:00:00Z' });
    expect(((await api('GET', '/api/sync/settings')) as Reply<SyncSettings>).body).toEqual(saved.body);
  });

  it('refuse bad input with 400 and each field path, saving nothing', async () => {
    const before = ((await api('GET', '/api/sync/settings')) as Reply<SyncSettings>).body;
    const reply = await api('PUT', '/api/sync/settings', { pollIntervalSeconds: 1, intakeMode: 'push', startDate: 'yesterday', extra: true });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('validation_failed');
    const paths = fieldErrorsOf(reply).map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['pollIntervalSeconds', 'intakeMode', 'startDate', '']));
    expect(fieldErrorsOf(await api('PUT', '/api/sync/settings', { automaticSync: 'yes' }))[0]!.path).toBe('automaticSync');
    expect((await api('PUT', '/api/sync/settings', '[1,')).status).toBe(400);
    expect(((await api('GET', '/api/sync/settings')) as Reply<SyncSettings>).body).toEqual(before);
  });

  it('need a session and the CSRF token', async () => {
    expect((await api('GET', '/api/sync/settings', undefined, false)).status).toBe(401);
    const response = await fetch(`${app.url}/api/sync/settings`, {
      method: 'PUT',
      headers: { cookie: auth.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('report the intake status', async () => {
    const reply = (await api('GET', '/api/sync/intake')) as Reply<IntakeStatusReply>;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ leader: null, thisInstance: { leader: false, subscribed: false }, notices: [] });
  });
});

describe('manual sync endpoints', () => {
  it('start a run (202), list it, get it, and record why it failed', async () => {
    const started = (await api('POST', '/api/sync/runs', { mode: 'full' })) as Reply<SyncRunView> & { headers: Headers };
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/sync/runs/${started.body.id}`);
    expect(started.body).toMatchObject({ mode: 'full', state: 'running', processed: 0 });
    expect(started.body).not.toHaveProperty('holder');

    await app.ctx.manualSync.settled(started.body.id);
    const one = (await api('GET', `/api/sync/runs/${started.body.id}`)) as Reply<SyncRunView>;
    expect(one.body.state).toBe('failed');
    expect(one.body.error).toMatch(/Salesforce/);
    const list = (await api('GET', '/api/sync/runs')) as Reply<SyncRunsReply>;
    expect(list.body.runs[0]!.id).toBe(started.body.id);

    const cancel = await api('POST', `/api/sync/runs/${started.body.id}/cancel`);
    expect(cancel.status).toBe(409);
  });

  it('validate the mode and the run id', async () => {
    const badMode = await api('POST', '/api/sync/runs', { mode: 'everything' });
    expect(badMode.status).toBe(400);
    expect(fieldErrorsOf(badMode)[0]!.path).toBe('mode');
    const extra = await api('POST', '/api/sync/runs', { mode: 'full', since: '2020-01-01' });
    expect(extra.status).toBe(400);
    expect(fieldErrorsOf(await api('POST', '/api/sync/runs', {}))[0]!.path).toBe('mode');
    const badId = await api('GET', '/api/sync/runs/not-a-run');
    expect(badId.status).toBe(400);
    expect(fieldErrorsOf(badId)[0]!.path).toBe('id');
    expect((await api('GET', '/api/sync/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api('POST', '/api/sync/runs/00000000-0000-4000-8000-000000000000/cancel')).status).toBe(404);
    expect((await api('POST', '/api/sync/runs/x/cancel')).status).toBe(400);
  });
});
