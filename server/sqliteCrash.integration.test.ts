import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { listen } from '../lib/listen';
import { openDatabase, type Db } from './store/db';
import { RulesetStore } from './store/rulesets';
import { SYNC_TABLES } from './store/tables';
import { emulatorConnectionEnv } from './testing/emulatorEnv';
import { signInWithPassword, startInstance, waitForCdcSubscription, type Instance } from './testing/cluster';
import { eventually } from './testing/eventually';

/**
 * The default deployment, one instance on SQLite, killed with SIGKILL while it works through a
 * burst of Cases (PagerDuty slowed down so the kill lands mid-processing), then restarted on
 * the same database: every Case gets exactly one incident and one note; nothing is lost.
 */
const CASES = 30;
let sf: SalesforceEmulator;
let pd: PagerDutyEmulator;
let db: Db;
let dataDir: string;
let env: Record<string, string>;
let instance: Instance | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-crash-'));
  sf = await startSalesforceEmulator({ seed: 'demo' });
  pd = await startPagerDutyEmulator({ seed: 'demo', rateLimitPerMinute: false });
  db = await openDatabase({ client: 'sqlite', filename: path.join(dataDir, 'app.db') });
  const serviceId = pd.seedInfo().ids.services['Customer Support']!;
  await new RulesetStore(db).save({
    id: 'crash',
    name: 'Crash test',
    enabled: true,
    position: 0,
    rules: [
      {
        id: 'page',
        name: 'High → incident + note',
        runOn: { kind: 'case', on: 'create' },
        conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
        filterLogic: { kind: 'all' },
        actions: [
          { type: 'create_incident', serviceId },
          { type: 'add_note', content: 'Opened from Case {{Case.CaseNumber}}' },
        ],
        stopProcessing: false,
      },
    ],
  });
  await db.destroy();
  env = {
    ...emulatorConnectionEnv({ url: sf.url, seed: sf.seedInfo() }, { url: pd.url, seed: pd.seedInfo() }),
    DATA_DIR: dataDir,
    SECRET_KEY: crypto.randomBytes(32).toString('base64'),
    ADMIN_PASSWORD: 'crash-test-admin-password',
    LOG_LEVEL: 'warn',
    JOB_LEASE_SECONDS: '5',
    RECONCILE_INTERVAL_MINUTES: '0',
  };
  return async () => {
    instance?.process.kill('SIGKILL');
    await instance?.exited;
    // The test reopens the database after the beforeAll closed it; closing it again is harmless.
    await db.destroy().catch(() => undefined);
    await sf.close();
    await pd.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}, 60_000);

it('loses nothing and does nothing twice when killed mid-processing and restarted', async () => {
  const port = await freePort();
  instance = await startInstance('solo', port, env);
  await waitForCdcSubscription([instance], await signInWithPassword(instance.url, env.ADMIN_PASSWORD!));
  const agent = sf.seedInfo().users.find((user) => user.role === 'agent')!;
  // Every PagerDuty write takes 150 ms: the burst is still in flight when the kill comes.
  pd.context.faults.add({ path: '^/incidents', method: 'POST', latencyMs: 150 });
  const caseIds = Array.from(
    { length: CASES },
    (_, index) => sf.store.insert('Case', { Subject: `Crash ${index}`, Priority: 'High', Origin: 'Web' }, agent.id).Id,
  );

  const incidentsFor = (caseId: string) => [...pd.context.store.incidents.values()].filter((incident) => incident.incidentKey === caseId);
  await eventually(() => caseIds.filter((caseId) => incidentsFor(caseId).length > 0).length >= 3, 'the first incidents', 60_000);
  instance.process.kill('SIGKILL');
  await instance.exited;
  const doneBeforeKill = caseIds.filter((caseId) => incidentsFor(caseId).length > 0).length;
  expect(doneBeforeKill).toBeLessThan(CASES);

  instance = await startInstance('solo', port, env);
  await eventually(
    () => caseIds.every((caseId) => incidentsFor(caseId).length > 0 && pd.context.store.notesOf(incidentsFor(caseId)[0]!.id).length > 0),
    'every Case to be processed',
    120_000,
  );
  db = await openDatabase({ client: 'sqlite', filename: path.join(dataDir, 'app.db') });
  await eventually(
    async () => Number((await db(SYNC_TABLES.jobs).whereIn('state', ['pending', 'running', 'failed']).count({ count: '*' }).first())?.count) === 0,
    'the queue to drain',
    60_000,
  );
  for (const caseId of caseIds) {
    const incidents = incidentsFor(caseId);
    expect(incidents, caseId).toHaveLength(1);
    expect(pd.context.store.notesOf(incidents[0]!.id), caseId).toHaveLength(1);
  }
  expect(Number((await db(SYNC_TABLES.jobs).where({ state: 'dead' }).count({ count: '*' }).first())?.count)).toBe(0);
}, 240_000);

async function freePort(): Promise<number> {
  const probe = await listen(() => undefined);
  await probe.close();
  return probe.port;
}
