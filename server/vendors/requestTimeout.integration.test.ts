import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import { DEFAULT_SALESFORCE_API_VERSION } from '../store/connections';
import { OutboundProxy } from './outboundProxy';
import { PagerDutyClient, PagerDutyNetworkError } from './pagerduty/client';
import { vendorTimeoutMs } from './requestTimeout';
import { connectSalesforce } from './salesforce/connect';
import { routeThroughProxy } from './salesforce/proxyTransport';

/**
 * A vendor that stops answering must not hold a job (and its lease) for good: every call gives up
 * after its timeout. The emulators hold the hung request's socket open without an answer.
 */
describe('Vendor call timeouts', () => {
  let salesforce: SalesforceEmulator;
  let pagerduty: PagerDutyEmulator;
  beforeAll(async () => {
    [salesforce, pagerduty] = await Promise.all([
      startSalesforceEmulator({ port: 0, host: '127.0.0.1', seed: 'demo' }),
      startPagerDutyEmulator({ port: 0, host: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([salesforce.close(), pagerduty.close()]);
  });

  it('stay well below the job lease', () => {
    for (const leaseSeconds of [5, 10, 60, 3600]) expect(vendorTimeoutMs(leaseSeconds * 1000)).toBeLessThanOrEqual((leaseSeconds * 1000) / 2);
  });

  it('gives up a Salesforce call that never answers (jsforce would wait 30 minutes)', async () => {
    const integration = salesforce.seedInfo().users.find((user) => user.role === 'integration')!;
    const connection = await connectSalesforce(
      {
        authMode: 'password',
        environment: 'custom',
        loginUrl: salesforce.url,
        username: integration.username,
        password: integration.password,
        securityToken: integration.securityToken,
        clientId: null,
        alias: null,
        apiVersion: DEFAULT_SALESFORCE_API_VERSION,
        updatedAt: null,
      },
      OutboundProxy.direct,
    );
    // The sign-in above had the default timeout (on a loaded machine it can take longer than the
    // short one); the query below gets 300 ms, the way connectSalesforce gives every request its timeout.
    routeThroughProxy(connection, OutboundProxy.direct, 300);
    const fault = salesforce.context.faults.add({ path: '/query', hang: true });
    try {
      await expect(connection.query('SELECT Id FROM Case LIMIT 1')).rejects.toThrow(/aborted|timeout/i);
    } finally {
      salesforce.context.faults.remove(fault.id);
    }
  });

  it('gives up a PagerDuty call that never answers', async () => {
    const client = new PagerDutyClient({ apiUrl: pagerduty.url, apiKey: pagerduty.seedInfo().keys.account, timeoutMs: 300 });
    const fault = pagerduty.context.faults.add({ path: '^/incidents$', hang: true });
    try {
      const error: unknown = await client.request('GET', '/incidents').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PagerDutyNetworkError);
      expect((error as Error).message).toMatch(/did not answer in time/);
    } finally {
      pagerduty.context.faults.remove(fault.id);
    }
  });
});
