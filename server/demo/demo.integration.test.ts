import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { RulesetStore } from '../store/rulesets';

/**
 * Demo mode as `npm start` runs it (`demoStarterRulesets: true`, as server/main.ts passes): the
 * README's round trip works with no authoring. A Case raised to High opens an incident;
 * acknowledging it in PagerDuty puts the Case to Working.
 */
/** Undefined when beforeAll failed before the app started. */
let app: RunningApp | undefined;
let dataDir: string;

const start = () =>
  startApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', DEMO: 'true', LOG_LEVEL: 'warn' }), {
    demoStarterRulesets: true,
  });

function running(): RunningApp {
  if (!app) throw new Error('The app did not start (see beforeAll)');
  return app;
}

function emulators() {
  const { emulators } = running();
  if (!emulators) throw new Error('Demo mode did not start the emulators');
  return emulators;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-demo-starters-'));
  app = await start();
}, 60_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo mode with the starter rulesets', () => {
  it('has "Page on high-priority Cases" (on Customer Support) and "Follow the incident\'s status on the Case", enabled', async () => {
    const rulesets = await new RulesetStore(running().ctx.db).list();
    expect(rulesets.map((ruleset) => [ruleset.name, ruleset.enabled])).toEqual([
      ['Page on high-priority Cases', true],
      ["Follow the incident's status on the Case", true],
    ]);
    const customerSupport = emulators().pagerduty.seedInfo().ids.services['Customer Support'];
    expect(rulesets[0]!.rules.flatMap((rule) => rule.actions)).toEqual([
      { type: 'create_incident', serviceId: customerSupport, urgency: 'high' },
      { type: 'create_incident', serviceId: customerSupport, urgency: 'high' },
    ]);
  });

  it('round trip: a Case raised to High opens an incident; acknowledging it puts the Case to Working', async () => {
    const { salesforce, pagerduty } = emulators();
    await vi.waitFor(() => expect(running().ctx.salesforceIntake.cdc?.subscribed).toBe(true), { timeout: 30_000, interval: 50 });
    const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
    if (!agent) throw new Error('The demo org has no agent');
    const caseId = salesforce.seedInfo().caseIds.find((id) => {
      const record = salesforce.store.find('Case', id);
      return record?.Status === 'New' && record.Priority !== 'High';
    });
    if (!caseId) throw new Error('The demo org has no new Case below High');

    salesforce.store.update('Case', caseId, { Priority: 'High' }, agent.id);
    const incident = await vi.waitFor(
      () => {
        const found = [...pagerduty.context.store.incidents.values()].find((candidate) => candidate.incidentKey === caseId);
        if (!found) throw new Error('No incident for the Case yet');
        return found;
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(incident).toMatchObject({ status: 'triggered', urgency: 'high', serviceId: pagerduty.seedInfo().ids.services['Customer Support'] });

    const seed = pagerduty.seedInfo();
    const acknowledged = await fetch(`${pagerduty.url}/incidents/${incident.id}`, {
      method: 'PUT',
      headers: {
        authorization: `Token token=${seed.keys.account}`,
        'content-type': 'application/json',
        from: 'grace@example.com',
        accept: 'application/vnd.pagerduty+json;version=2',
      },
      body: JSON.stringify({ incident: { type: 'incident_reference', status: 'acknowledged' } }),
    });
    expect(acknowledged.status).toBe(200);
    await vi.waitFor(() => expect(salesforce.store.find('Case', caseId)).toMatchObject({ Status: 'Working' }), { timeout: 20_000, interval: 50 });
  });

  it('a first full sync reads every seeded Case: the start date covers the seed', async () => {
    const { manualSync } = running().ctx;
    const cases = emulators().salesforce.seedInfo().caseIds.length;
    expect(cases).toBe(50);
    const run = await manualSync.settled((await manualSync.start('full')).id);
    expect(run).toMatchObject({ mode: 'full', state: 'succeeded', total: cases, processed: cases });
  });

  it('adds the starters once: one the admin deleted does not come back at the next start', async () => {
    const store = new RulesetStore(running().ctx.db);
    const [pager] = await store.list();
    expect(await store.delete(pager!.id)).toBe(true);
    await running().close();
    app = undefined;
    app = await start();
    expect((await new RulesetStore(app.ctx.db).list()).map((ruleset) => ruleset.name)).toEqual(["Follow the incident's status on the Case"]);
  });
});
