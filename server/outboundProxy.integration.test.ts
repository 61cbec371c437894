/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY through a real forward proxy (the `proxy` package, as Squid
 * would serve it) on 127.0.0.1: with the proxy configured, the app's PagerDuty REST calls,
 * Salesforce SOAP/REST calls and the CDC (CometD) long poll all reach the emulators through it;
 * a NO_PROXY entry sends a host's calls past it.
 *
 * The emulators listen on 127.0.0.1 over http://, so HTTP_PROXY is the variable that applies to
 * them. No host is exempt by default (undici and curl do not exempt localhost either), and these
 * tests set no NO_PROXY unless they test it: every call to 127.0.0.1 must use the proxy.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamingClient } from './intake/salesforce/streamingClient';
import { CASE_CHANGE_CHANNEL } from './intake/salesforce/cdcSubscriber';
import { signedInApi, startDemoApp, type ApiReply, type DemoApp } from './testing/demoApp';
import { OutboundProxy } from './vendors/outboundProxy';
import { clientFor } from './vendors/pagerduty/checks';
import { connectSalesforce } from './vendors/salesforce/connect';

interface CountingProxy {
  url: string;
  /** Every request the proxy answered: `CONNECT host:port` tunnels and absolute-URI requests. */
  seen: { method: string; target: string }[];
  /**
   * What the proxy carried to 127.0.0.1:`port`, CometD's long poll left out: CONNECT tunnels and
   * absolute-form requests (undici sends a plain http:// request that way, a tunnel only for https://).
   */
  carriedTo(port: number): number;
  close(): Promise<void>;
}

/** The `proxy` package's server; its authenticate hook sees every request and CONNECT first. */
async function startCountingProxy(): Promise<CountingProxy> {
  const seen: CountingProxy['seen'] = [];
  const server = createProxy(http.createServer());
  server.authenticate = (request) => {
    seen.push({ method: request.method ?? '', target: request.url ?? '' });
    return true;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    carriedTo: (target) =>
      seen.filter((entry) =>
        entry.method === 'CONNECT'
          ? entry.target === `127.0.0.1:${target}`
          : entry.target.startsWith(`http://127.0.0.1:${target}/`) && !entry.target.includes('/cometd/'),
      ).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SOAP and REST requests the Salesforce emulator logged (its request log leaves CometD out). */
function salesforceRestRequests(app: DemoApp): number {
  return app.emulators.salesforce.context.requestLog.counts().total;
}

let proxy: CountingProxy;
let app: DemoApp;
let api: (method: string, route: string, body?: unknown) => Promise<ApiReply>;

beforeAll(async () => {
  proxy = await startCountingProxy();
  app = await startDemoApp({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
  api = await signedInApi(app);
}, 60_000);

afterAll(async () => {
  await app.close();
  await proxy.close();
});

describe('with HTTP_PROXY set', () => {
  it('the CDC handshake and long poll go through the proxy', () => {
    const cometd = proxy.seen.filter((entry) => entry.method === 'POST' && entry.target.startsWith(`${app.emulators.salesforce.url}/cometd/`));
    // At least the handshake and the subscription (the long polls follow).
    expect(cometd.length).toBeGreaterThanOrEqual(2);
  });

  it('every Salesforce SOAP and REST request opens its tunnel through the proxy', async () => {
    const carriedBefore = proxy.carriedTo(app.emulators.salesforce.port);
    const requestsBefore = salesforceRestRequests(app);
    const endpointsBefore = app.emulators.salesforce.context.requestLog.counts().byEndpoint;

    const tested = await api('POST', '/api/connections/salesforce/test');
    expect(tested.body).toMatchObject({ ok: true });

    const requests = salesforceRestRequests(app) - requestsBefore;
    // The test signs in anew (SOAP login) and reads the limits (REST): each request through the proxy.
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(proxy.carriedTo(app.emulators.salesforce.port) - carriedBefore).toBe(requests);
    const endpointsAfter = app.emulators.salesforce.context.requestLog.counts().byEndpoint;
    const soapLogins = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([endpoint]) => endpoint.includes('/services/Soap/'))
        .reduce((sum, [, count]) => sum + count, 0);
    expect(soapLogins(endpointsAfter) - soapLogins(endpointsBefore)).toBe(1);
  });

  it('PagerDuty REST calls go through the proxy', async () => {
    const before = app.emulators.pagerduty.context.requestLog.counts().total;
    const carriedBefore = proxy.carriedTo(app.emulators.pagerduty.port);
    const tested = await api('POST', '/api/connections/pagerduty/test');
    expect(tested.body).toMatchObject({ ok: true });
    const requests = app.emulators.pagerduty.context.requestLog.counts().total - before;
    expect(requests).toBeGreaterThan(0);
    // Every request the emulator received came through the proxy (one absolute-form request each).
    expect(proxy.carriedTo(app.emulators.pagerduty.port) - carriedBefore).toBe(requests);
  });
});

describe('NO_PROXY', () => {
  it('sends the calls to a listed host:port past the proxy, and only those', async () => {
    const pd = app.emulators.pagerduty;
    const sf = app.emulators.salesforce;
    const pagerDutyExempt = new OutboundProxy({ httpProxy: proxy.url, noProxy: `example.com, 127.0.0.1:${pd.port}` });
    const settings = await app.ctx.connections.pagerduty();
    const client = clientFor(settings, pagerDutyExempt);
    if (!client) throw new Error('The demo has no PagerDuty key');
    const pdCarried = proxy.carriedTo(pd.port);
    const pdRequests = pd.context.requestLog.counts().total;
    await client.request('GET', '/services');
    expect(pd.context.requestLog.counts().total).toBe(pdRequests + 1);
    expect(proxy.carriedTo(pd.port)).toBe(pdCarried);

    // The same configuration still proxies Salesforce, which NO_PROXY does not list (the SOAP login).
    const sfCarried = proxy.carriedTo(sf.port);
    await connectSalesforce(await app.ctx.connections.salesforce(), pagerDutyExempt);
    expect(proxy.carriedTo(sf.port)).toBe(sfCarried + 1);
  });

  it('a listed host (any port) takes Salesforce sign-in, REST and CDC past the proxy', async () => {
    const exempt = new OutboundProxy({ httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: 'localhost,127.0.0.1' });
    const seenBefore = proxy.seen.length;
    const requestsBefore = salesforceRestRequests(app);
    const connection = await connectSalesforce(await app.ctx.connections.salesforce(), exempt);
    await connection.limits();
    expect(salesforceRestRequests(app)).toBe(requestsBefore + 2);

    // The subscription is acknowledged: the handshake and subscribe reached the emulator, directly.
    const client = createStreamingClient(connection, exempt, []);
    await client.subscribe(CASE_CHANGE_CHANNEL, () => undefined);
    await client.disconnect();
    expect(proxy.seen.slice(seenBefore)).toEqual([]);
  });
});
