import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { eventually } from '../testing/eventually';
import { waitForIdle } from '../testing/demoApp';

/**
 * Demo mode restarted on the same DATA_DIR, as `npm start` after Ctrl-C: the emulators start
 * again from their seed while ./data keeps what the app learnt from the previous ones. A new
 * Case matching the starter rule must still open an incident, and the restart must not warn.
 */
let dataDir: string;
let app: RunningApp | undefined;
const warnings: string[] = [];

const start = async () => {
  // Warnings and errors of the app's log, as JSON lines.
  const logDestination: DestinationStream = {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
      if (entry.level >= 40) warnings.push(`${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
    },
  };
  const started = await startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', DEMO: 'true', LOG_LEVEL: 'warn' }), {
    demoStarterRulesets: true,
    logDestination,
  });
  await eventually(() => started.ctx.salesforceIntake.cdc?.subscribed, 'the CDC subscription', 30_000);
  return started;
};

function running(): RunningApp & { emulators: NonNullable<RunningApp['emulators']> } {
  if (!app?.emulators) throw new Error('The demo app did not start');
  return app as RunningApp & { emulators: NonNullable<RunningApp['emulators']> };
}

/** Creates a Case the starter "Page on high-priority Cases" pages for; resolves with its incident. */
async function highPriorityCaseOpensIncident(subject: string) {
  const { salesforce, pagerduty } = running().emulators;
  const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  const created = salesforce.store.insert('Case', { Subject: subject, Status: 'New', Priority: 'High', Origin: 'Web' }, agent.id);
  const caseId = created.Id;
  const incident = await vi.waitFor(
    () => {
      const found = [...pagerduty.context.store.incidents.values()].find((candidate) => candidate.incidentKey === caseId);
      if (!found) throw new Error(`No incident for the Case ${caseId} yet`);
      return found;
    },
    { timeout: 20_000, interval: 50 },
  );
  await waitForIdle(running().ctx);
  return { caseId, incident };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-demo-restart-'));
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo mode restarted on the same data directory', () => {
  it('opens an incident for a new high-priority Case after the restart, and restarts without warnings', async () => {
    app = await start();
    const before = await highPriorityCaseOpensIncident('Printer on fire');
    expect(before.incident.title).toContain('Printer on fire');
    await app.close();
    app = undefined;

    warnings.length = 0;
    app = await start();
    const after = await highPriorityCaseOpensIncident('Coffee machine down');
    expect(after.incident.title).toContain('Coffee machine down');
    expect(warnings).toEqual([]);
  });
});
