import { startPagerDutyEmulator, type PagerDutyEmulator, type SeedInfo } from '../../emulators/pagerduty';
import { decodeStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { startTestServer, type TestServer } from './harness';

export interface InboxRow {
  id: number;
  source: string;
  source_event_id: string;
  kind: string;
  incident_id: string | null;
  incident_number: string | null;
  payload: string;
}

/**
 * The app (test harness: fresh SQLite file, no worker running, so inbox rows stay as stored)
 * connected to a PagerDuty emulator on a free port, with a signed-in admin. For the webhook,
 * provisioning and reconciliation suites.
 */
export interface PagerDutyTestbed {
  app: TestServer;
  pd: PagerDutyEmulator;
  seed: SeedInfo;
  /** An admin API call (session cookie and CSRF token); answers status and parsed body, for the test to type by its contract. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** An emulator control-API call (`/__emulator/...`); answers the parsed body. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A PagerDuty REST call with the account key, as another PagerDuty user or script would make it. */
  rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Waits until the emulator has nothing due to deliver. */
  settle(): Promise<void>;
  inbox(): Promise<InboxRow[]>;
  close(): Promise<void>;
}

export async function startPagerDutyTestbed(): Promise<PagerDutyTestbed> {
  const pd = await startPagerDutyEmulator({ port: 0, seed: 'demo' });
  const app = await startTestServer();
  const seed = pd.seedInfo();
  await app.ctx.connections.savePagerDuty({ apiUrl: pd.url, apiKey: seed.keys.account, fromEmail: seed.integrationUserEmail, updatedAt: null });
  app.ctx.sessions.reset();
  const { cookie, csrfToken } = await app.signIn();
  const json = async (response: Response): Promise<unknown> => {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    app,
    pd,
    seed,
    async api(method, path, body) {
      const response = await fetch(app.url + path, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await json(response) };
    },
    async control(method, path, body) {
      const response = await fetch(`${pd.url}/__emulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return json(response);
    },
    async rest(method, path, body) {
      const response = await fetch(pd.url + path, {
        method,
        headers: {
          authorization: `Token token=${seed.keys.account}`,
          accept: 'application/vnd.pagerduty+json;version=2',
          from: seed.integrationUserEmail,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await json(response) };
    },
    async settle() {
      await pd.context.deliveries.settle();
    },
    async inbox() {
      const rows: (Omit<InboxRow, 'payload'> & { payload: unknown })[] = await app.ctx
        .db(SYNC_TABLES.events)
        .orderBy('id')
        .select('id', 'source', 'source_event_id', 'kind', 'incident_id', 'incident_number', 'payload');
      // As stored, the payload may be a compressed blob (payloadCodec.ts): the suites read its JSON text.
      return rows.map((row) => ({ ...row, payload: decodeStoredPayload(row.payload) }));
    },
    async close() {
      await app.close();
      await pd.close();
    },
  };
}
