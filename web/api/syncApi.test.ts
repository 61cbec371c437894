import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { fakeFetch, jsonReply } from './fakeFetch';
import { SyncApi } from './syncApi';

const settings = { automaticSync: true };

describe('SyncApi', () => {
  it('calls the sync endpoints through the one client, with the CSRF token on writes', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url.startsWith('/api/sync/runs') ? jsonReply(200, { id: 'run/1', runs: [] }) : jsonReply(200, settings),
    );
    const client = new ApiClient({ fetch });
    client.csrfToken = 'csrf-1';
    const sync = new SyncApi(client);

    await sync.settings();
    await sync.saveSettings({ automaticSync: false });
    await sync.runs();
    await sync.run('run/1');
    await sync.startRun({ mode: 'full' });
    await sync.cancelRun('run/1');

    expect(calls.map((call) => `${call.init.method} ${call.url} ${new Headers(call.init.headers).get('X-CSRF-Token') ?? '-'}`)).toEqual([
      'GET /api/sync/settings -',
      'PUT /api/sync/settings csrf-1',
      'GET /api/sync/runs -',
      'GET /api/sync/runs/run%2F1 -',
      'POST /api/sync/runs csrf-1',
      'POST /api/sync/runs/run%2F1/cancel csrf-1',
    ]);
    expect(calls[1]?.init.body).toBe('{"automaticSync":false}');
  });

  it.each([
    ['loading the settings', (sync: SyncApi) => sync.settings()],
    ['saving the settings', (sync: SyncApi) => sync.saveSettings({ automaticSync: false })],
    ['listing the runs', (sync: SyncApi) => sync.runs()],
    ['polling a run', (sync: SyncApi) => sync.run('run-1')],
    ['starting a run', (sync: SyncApi) => sync.startRun({ mode: 'incremental' })],
    ['cancelling a run', (sync: SyncApi) => sync.cancelRun('run-1')],
  ])('a 401 when %s brings the sign-in step back', async (_label, request) => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch(() => jsonReply(401, { error: { code: 'unauthenticated', message: 'Sign in first.' } }));
    const client = new ApiClient({ fetch, onUnauthenticated });
    client.csrfToken = 'expired';

    await expect(request(new SyncApi(client))).rejects.toMatchObject({ status: 401, code: 'unauthenticated', message: 'Sign in first.' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(client.csrfToken).toBeUndefined();
  });
});
