import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { listen } from '../../lib/listen';
import { createApp } from '../app';
import { composeApp } from '../compose';
import { loadConfig } from '../config';
import type { AppContext } from '../context';
import { createLogger } from '../logger';
import { createSession, createSignInLink, ensureAdmin } from '../security/adminAuth';
import { SecretBox, loadSecretKey } from '../security/secrets';
import { ConnectionStore } from '../store/connections';
import { openDatabase } from '../store/db';

/** A captured log: every line the app wrote, for tests that look for leaked secrets. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface TestServer {
  url: string;
  ctx: AppContext;
  dataDir: string;
  log: LogCapture;
  adminId: number;
  /** A signed-in admin: cookie header and CSRF token. */
  signIn(): Promise<{ cookie: string; csrfToken: string }>;
  signInLink(): Promise<string>;
  close(): Promise<void>;
}

/** The app over a fresh SQLite file in a temp dir, without emulators; for API integration tests. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DEMO: 'false', CHECK_REPLIES: 'true', ...env });
  const log = new LogCapture();
  const logger = createLogger('info', log);
  const db = await openDatabase(config.database);
  const box = new SecretBox(loadSecretKey(config.secretKey));
  const connections = new ConnectionStore(db, box);
  const adminId = await ensureAdmin(db, config.admin);
  // Not started: API tests have no Salesforce to subscribe to. Never periodic reconciliation
  // either: they call POST /api/sync/reconcile when they mean it.
  const ctx = composeApp({ config, db, box, connections, logger, demo: false }, { reconcileIntervalMs: 0 });
  const { manualSync, webhooks } = ctx;
  const server = await listen(createApp(ctx));
  ctx.readiness.started();
  webhooks.setPublicUrl(server.url);
  return {
    url: server.url,
    ctx,
    dataDir,
    log,
    adminId,
    async signIn() {
      const session = await createSession(db, adminId);
      return { cookie: `pdsc_session=${session.token}`, csrfToken: session.csrfToken };
    },
    async signInLink() {
      return `${server.url}/auth/sign-in?token=${await createSignInLink(db, adminId)}`;
    },
    async close() {
      await manualSync.stop();
      await server.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
