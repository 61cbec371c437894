import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import type { AppContext } from '../context';
import { createSession } from '../security/adminAuth';
import { SYNC_TABLES, TABLES } from '../store/tables';
import { eventually } from './eventually';

/**
 * The whole app in demo mode on free ports (app, both emulators) over a fresh data dir: what
 * `npm start` runs, for end-to-end tests.
 */
export interface DemoApp extends RunningApp {
  emulators: NonNullable<RunningApp['emulators']>;
  dataDir: string;
  /** A session of the admin, as after signing in: the cookie header and the CSRF token. */
  signIn(): Promise<{ cookie: string; csrfToken: string }>;
}

export async function startDemoApp(env: Record<string, string> = {}): Promise<DemoApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-demo-'));
  const app = await startApp(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', LOG_LEVEL: 'warn', CHECK_REPLIES: 'true', ...env }),
  );
  if (!app.emulators) throw new Error('Demo mode did not start the emulators');
  // A fresh CDC subscription starts with new events only (as on Salesforce): wait for it, so a
  // test's first Case change is seen.
  await eventually(() => app.ctx.salesforceIntake.cdc?.subscribed, 'the CDC subscription', 30_000);
  return {
    ...app,
    emulators: app.emulators,
    dataDir,
    async signIn() {
      const admin = await app.ctx.db(TABLES.adminUsers).first<{ id: number } | undefined>('id');
      if (!admin) throw new Error('The demo app has no admin user');
      const session = await createSession(app.ctx.db, admin.id);
      return { cookie: `pdsc_session=${session.token}`, csrfToken: session.csrfToken };
    },
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when no event waits for processing and no job is pending, running or waiting to retry. */
export async function waitForIdle(app: Pick<AppContext, 'db' | 'jobs'>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await app.jobs.countByState();
    const received = await app.db(SYNC_TABLES.events).where({ status: 'received' }).count({ count: '*' }).first();
    if (counts.pending + counts.running + counts.failed === 0 && Number(received?.count ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`Sync did not settle in ${timeoutMs} ms: ${JSON.stringify(counts)}, ${received?.count} events waiting`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A JSON reply as a test reads it: the status and the parsed body (undefined when empty). */
export interface ApiReply {
  status: number;
  body: unknown;
}

/** Calls the app's API as a signed-in admin (session cookie and CSRF token), with a JSON body. */
export async function signedInApi(app: DemoApp): Promise<(method: string, route: string, body?: unknown) => Promise<ApiReply>> {
  const session = await app.signIn();
  return async (method, route, body) => {
    const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(app.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}
