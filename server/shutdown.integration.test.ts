import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { listen } from '../lib/listen';
import type { ReadinessReply } from '../contracts/routes';
import { openDatabase } from './store/db';
import { RulesetStore } from './store/rulesets';
import { SYNC_TABLES } from './store/tables';
import { emulatorConnectionEnv } from './testing/emulatorEnv';
import { signInWithPassword, startInstance, waitForCdcSubscription, type Instance } from './testing/cluster';
import { eventually } from './testing/eventually';
import type { JobRow } from './testing/rows';

/**
 * An instance as operators run it (its own process, on SQLite) behind a load balancer: its
 * readiness is its own, not its vendors', and SIGTERM takes it out of rotation, hands its running
 * job back and ends the process by itself.
 */
describe('Readiness and graceful shutdown of an app process', () => {
  let sf: SalesforceEmulator;
  let pd: PagerDutyEmulator;
  let dataDir: string;
  let env: Record<string, string>;
  let instance: Instance | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-shutdown-'));
    [sf, pd] = await Promise.all([startSalesforceEmulator({ seed: 'demo' }), startPagerDutyEmulator({ seed: 'demo', rateLimitPerMinute: false })]);
    const db = await openDatabase({ client: 'sqlite', filename: path.join(dataDir, 'app.db') });
    await new RulesetStore(db).save({
      id: 'page',
      name: 'Page on high priority',
      enabled: true,
      position: 0,
      rules: [
        {
          id: 'page',
          name: 'High → incident',
          runOn: { kind: 'case', on: 'create' },
          conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'create_incident', serviceId: pd.seedInfo().ids.services['Customer Support']! }],
          stopProcessing: false,
        },
      ],
    });
    await db.destroy();
    env = {
      ...emulatorConnectionEnv({ url: sf.url, seed: sf.seedInfo() }, { url: pd.url, seed: pd.seedInfo() }),
      DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'shutdown-test-admin-password',
      LOG_LEVEL: 'warn',
      RECONCILE_INTERVAL_MINUTES: '0',
    };
    instance = await startInstance('solo', await freePort(), env);
  }, 60_000);
  afterAll(async () => {
    instance?.process.kill('SIGKILL');
    await instance?.exited;
    await Promise.all([sf.close(), pd.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const readiness = async () => {
    const response = await fetch(`${instance!.url}/readyz`);
    return { status: response.status, body: (await response.json()) as ReadinessReply, keepAlive: response.headers.get('keep-alive') };
  };

  it('is ready while Salesforce and PagerDuty are down: their outage must not take every instance out of rotation', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { started: { ok: true }, database: { ok: true } } },
      // Longer than a load balancer's idle timeout, so the balancer always closes first.
      keepAlive: 'timeout=65',
    });
    const outages = [sf.context.faults.add({ path: '.*', status: 503 }), pd.context.faults.add({ path: '.*', status: 500 })];
    try {
      expect((await readiness()).status).toBe(200);
    } finally {
      sf.context.faults.remove(outages[0]!.id);
      pd.context.faults.remove(outages[1]!.id);
    }
  });

  it('on SIGTERM stops accepting connections, hands its running job back, and exits by itself', async () => {
    await waitForCdcSubscription([instance!], await signInWithPassword(instance!.url, env.ADMIN_PASSWORD!));
    // PagerDuty never answers the incident's creation: the job is running when SIGTERM comes.
    pd.context.faults.add({ path: '^/incidents$', method: 'POST', hang: true });
    const agent = sf.seedInfo().users.find((user) => user.role === 'agent')!;
    const caseId = sf.store.insert('Case', { Subject: 'Checkout is down', Priority: 'High', Origin: 'Web' }, agent.id).Id;
    const jobs = new Database(path.join(dataDir, 'app.db'), { readonly: true });
    try {
      const job = () => jobs.prepare(`SELECT * FROM ${SYNC_TABLES.jobs} WHERE case_id = ? AND task <> 'process_event'`).get(caseId) as JobRow | undefined;
      await eventually(() => job()?.state === 'running' && pd.context.faults.list()[0]?.hits === 1, 'the incident job to be waiting for PagerDuty', 60_000);

      instance!.process.kill('SIGTERM');
      await eventually(
        async () =>
          !(await fetch(`${instance!.url}/healthz`)
            .then(() => true)
            .catch(() => false)),
        'the instance to stop accepting connections',
      );
      expect(await instance!.exited).toBe(0);
      // Handed back untouched (the attempt does not count): the next instance runs it at once.
      expect(job()).toMatchObject({ state: 'pending', attempts: 0, locked_by: null });
    } finally {
      jobs.close();
      instance = undefined;
    }
  }, 90_000);
});

async function freePort(): Promise<number> {
  const probe = await listen(() => undefined);
  await probe.close();
  return probe.port;
}
