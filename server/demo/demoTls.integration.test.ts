import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator } from '../../emulators/salesforce';
import { generateLocalCertificate } from '../../lib/localTls';
import { loadConfig } from '../config';
import { startApp, type RunningApp } from '../start';
import { testPagerDutyConnection } from '../vendors/pagerduty/checks';
import { testSalesforceConnection } from '../vendors/salesforce/checks';
import { jsforceTrustedCa } from '../vendors/salesforce/jsforceTrust';

/**
 * DEMO_TLS (`npm start -- --tls`): both emulators serve HTTPS with one certificate made at start,
 * its CA file is written to DATA_DIR/demo-tls/ca.pem, and the app's own clients trust it (jsforce
 * for login and REST, faye for CDC, undici for PagerDuty REST): the README's round trip works
 * over TLS. A start that is not demo mode trusts no such certificate.
 */
const dataDirs: string[] = [];
const makeDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-demo-tls-'));
  dataDirs.push(dir);
  return dir;
};
const baseEnv = { PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', LOG_LEVEL: 'warn' };

afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo mode over TLS', () => {
  let app: RunningApp | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    app = await startApp(loadConfig({ ...baseEnv, DATA_DIR: dataDir, DEMO: 'true', DEMO_TLS: 'true' }), { demoStarterRulesets: true });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  function emulators() {
    const emulators = app?.emulators;
    if (!emulators) throw new Error('Demo mode did not start the emulators (see beforeAll)');
    return emulators;
  }

  it('serves both emulators on https:// and writes the CA file (mode 0600) to DATA_DIR/demo-tls', () => {
    const { salesforce, pagerduty, tls } = emulators();
    expect(salesforce.url).toMatch(/^https:\/\//);
    expect(pagerduty.url).toMatch(/^https:\/\//);
    expect(tls?.caFile).toBe(path.join(dataDir, 'demo-tls', 'ca.pem'));
    expect(fs.readFileSync(tls!.caFile, 'utf8')).toBe(tls!.ca);
    expect(fs.statSync(tls!.caFile).mode & 0o777).toBe(0o600);
  });

  it('the connection tests pass over TLS (jsforce to Salesforce, undici to PagerDuty)', async () => {
    const { connections, sessions } = app!.ctx;
    expect(await testSalesforceConnection(await connections.salesforce(), sessions.proxy)).toMatchObject({ ok: true });
    expect(await testPagerDutyConnection(await connections.pagerduty(), sessions.proxy)).toMatchObject({ ok: true });
  });

  it('round trip over TLS: CDC subscribes, a Case raised to High opens an incident', async () => {
    const { salesforce, pagerduty } = emulators();
    await vi.waitFor(() => expect(app!.ctx.salesforceIntake.cdc?.subscribed).toBe(true), { timeout: 30_000, interval: 50 });
    const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
    const caseId = salesforce.seedInfo().caseIds.find((id) => {
      const record = salesforce.store.find('Case', id);
      return record?.Status === 'New' && record.Priority !== 'High';
    });
    if (!agent || !caseId) throw new Error('The demo org has no agent or no new Case below High');
    salesforce.store.update('Case', caseId, { Priority: 'High' }, agent.id);
    const incident = await vi.waitFor(
      () => {
        const found = [...pagerduty.context.store.incidents.values()].find((candidate) => candidate.incidentKey === caseId);
        if (!found) throw new Error('No incident for the Case yet');
        return found;
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(incident).toMatchObject({ status: 'triggered', serviceId: pagerduty.seedInfo().ids.services['Customer Support'] });
  });

  it('stops trusting the certificate once stopped', async () => {
    expect(jsforceTrustedCa()).toBeDefined();
    await app?.close();
    app = undefined;
    expect(jsforceTrustedCa()).toBeUndefined();
  });
});

describe('a start that is not demo mode', () => {
  it('trusts no self-signed certificate: connections to emulators on TLS fail the certificate check', async () => {
    const certificate = await generateLocalCertificate();
    const salesforce = await startSalesforceEmulator({ tls: certificate });
    const pagerduty = await startPagerDutyEmulator({ tls: certificate });
    const app = await startApp(loadConfig({ ...baseEnv, DATA_DIR: makeDataDir(), DEMO: 'false' }));
    try {
      expect(app.emulators).toBeUndefined();
      const { connections, sessions } = app.ctx;
      expect(sessions.proxy.ca).toBeUndefined();
      expect(jsforceTrustedCa()).toBeUndefined();
      const sfSeed = salesforce.seedInfo();
      const integration = sfSeed.users.find((user) => user.role === 'integration')!;
      await connections.saveSalesforce({
        ...(await connections.salesforce()),
        authMode: 'password',
        environment: 'custom',
        loginUrl: salesforce.url,
        username: integration.username,
        password: integration.password,
        securityToken: integration.securityToken,
        clientId: sfSeed.connectedApp.clientId,
        clientSecret: sfSeed.connectedApp.clientSecret,
        alias: null,
      });
      const pdSeed = pagerduty.seedInfo();
      await connections.savePagerDuty({ apiUrl: pagerduty.url, apiKey: pdSeed.keys.account, fromEmail: pdSeed.integrationUserEmail, updatedAt: null });

      const sfResult = await testSalesforceConnection(await connections.salesforce(), sessions.proxy);
      const pdResult = await testPagerDutyConnection(await connections.pagerduty(), sessions.proxy);
      expect(sfResult.ok).toBe(false);
      expect(pdResult.ok).toBe(false);
      expect(JSON.stringify(sfResult)).toMatch(/self[- ]signed/i);
      expect(JSON.stringify(pdResult)).toMatch(/SELF_SIGNED/);
    } finally {
      await app.close();
      await Promise.all([salesforce.close(), pagerduty.close()]);
    }
  }, 60_000);
});
