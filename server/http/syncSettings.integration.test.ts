/**
 * PUT /api/sync/settings refusals over HTTP: each names the field that is wrong and says what to
 * enter in the words of the SYNC LOG form, which shows the message at that field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSettings } from '../../contracts/sync';
import { startTestServer, type TestServer } from '../testing/harness';

interface ErrorBody {
  error: { code: string; details?: { fields?: { path: string; message: string }[] } };
}

let app: TestServer;
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  app = await startTestServer();
  auth = await app.signIn();
});
afterAll(() => app.close());

async function put(body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.url}/api/sync/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** "path: message" for each refused field. */
async function refusals(body: Record<string, unknown>): Promise<string[]> {
  const reply = await put(body);
  expect(reply.status, JSON.stringify(body)).toBe(400);
  return ((reply.body as ErrorBody).error.details?.fields ?? []).map((field) => `${field.path}: ${field.message}`);
}

describe('PUT /api/sync/settings', () => {
  it('says what is wrong in the admin’s words, on the field that is wrong', async () => {
    expect(await refusals({ pollIntervalSeconds: 0 })).toEqual(['pollIntervalSeconds: Enter 10 seconds or more']);
    expect(await refusals({ pollIntervalSeconds: 86_401 })).toEqual(['pollIntervalSeconds: Enter 86,400 seconds (one day) or less']);
    expect(await refusals({ pollIntervalSeconds: 12.5 })).toEqual(['pollIntervalSeconds: Enter a whole number of seconds']);
    expect(await refusals({ pollIntervalSeconds: null })).toEqual(['pollIntervalSeconds: Enter a number of seconds, e.g. 60']);
    expect(await refusals({ commentPollSeconds: 5 })).toEqual(['commentPollSeconds: Enter 10 seconds or more']);
    expect(await refusals({ commentPollSeconds: 'often' })).toEqual(['commentPollSeconds: Enter a number of seconds, e.g. 30']);
    expect(await refusals({ automaticSync: 'yes' })).toEqual(['automaticSync: Choose On or Off']);
    expect(await refusals({ intakeMode: 'push' })).toEqual(['intakeMode: Choose Change Data Capture or Polling']);
    expect(await refusals({ startDate: 'yesterday' })).toEqual(['startDate: Enter a date and time, e.g. 2026-01-01T00:00:00Z']);
  });

  it('accepts the bounds themselves', async () => {
    const low = await put({ pollIntervalSeconds: 10, commentPollSeconds: 86_400 });
    expect(low.status).toBe(200);
    expect(low.body as SyncSettings).toMatchObject({ pollIntervalSeconds: 10, commentPollSeconds: 86_400 });
  });
});
