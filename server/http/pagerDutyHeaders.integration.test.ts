/**
 * Custom PagerDuty headers end to end: saved through PUT /api/connections/pagerduty, sealed at
 * rest, shown masked, sent on every PagerDuty REST call, refused line by line with nothing
 * stored, and removed again. The app talks to the PagerDuty emulator through a pass-through
 * receiver that records each request's headers as they arrived (the emulator's own exchange log
 * keeps only the API's standard headers).
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PagerDutyConnectionView, SavedPagerDutyConnection } from '../../contracts/api';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { listen, type ListeningServer } from '../../lib/listen';
import { TABLES } from '../store/tables';
import { startTestServer, type TestServer } from '../testing/harness';

const GATEWAY_TOKEN = 'gw-token-7f3a9c1e5b2d4680';

let app: TestServer;
let pd: PagerDutyEmulator;
let receiver: ListeningServer;
let auth: { cookie: string; csrfToken: string };
const exchanges: { method: string; path: string; headers: http.IncomingHttpHeaders }[] = [];

/** Records each request, then forwards it to the emulator unchanged and streams the answer back. */
function recordingPassThrough(target: URL): http.RequestListener {
  return (request, response) => {
    exchanges.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  };
}

beforeAll(async () => {
  [app, pd] = await Promise.all([startTestServer(), startPagerDutyEmulator({ seed: 'demo' })]);
  receiver = await listen(recordingPassThrough(new URL(pd.url)));
  auth = await app.signIn();
});
afterAll(async () => {
  await Promise.all([app.close(), pd.close(), receiver.close()]);
});

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.url}${route}`, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

it('saves the headers sealed, shows them masked and sends them on every PagerDuty call', async () => {
  const seed = pd.seedInfo();
  const saved = await call('PUT', '/api/connections/pagerduty', {
    apiUrl: receiver.url,
    apiKey: seed.keys.account,
    fromEmail: seed.integrationUserEmail,
    customHeaders: `X-Gateway-Key: ${GATEWAY_TOKEN}\n\n  X-Tenant :  acme  \n`,
  });
  expect(saved.status).toBe(200);
  const reply = saved.body as SavedPagerDutyConnection;
  expect(reply.test).toMatchObject({ ok: true });
  expect(reply.customHeaders).toEqual([
    { name: 'X-Gateway-Key', value: { set: true, hint: '…4680' } },
    { name: 'X-Tenant', value: { set: true } },
  ]);
  const listed = await call('GET', '/api/connections');
  expect((listed.body as { pagerduty: PagerDutyConnectionView }).pagerduty.customHeaders).toEqual(reply.customHeaders);
  expect(JSON.stringify([saved.body, listed.body])).not.toContain(GATEWAY_TOKEN);

  // Sealed at rest like the key: neither column holds the value in the clear.
  const row = await app.ctx.db(TABLES.connections).where({ id: 'pagerduty' }).first<{ config: string; secrets_encrypted: string }>();
  expect(row.config).not.toContain('X-Gateway-Key');
  expect(row.secrets_encrypted).not.toContain(GATEWAY_TOKEN);

  // The save's own check (reads and the write probe) and the sync engine's calls all carry them.
  exchanges.length = 0;
  const client = await app.ctx.sessions.pagerduty.client();
  await client.request('GET', '/services');
  await client.request('POST', '/incidents', { body: { incident: {} } }).catch(() => undefined);
  expect((await call('POST', '/api/connections/pagerduty/test')).body).toMatchObject({ ok: true });
  expect(exchanges.length).toBeGreaterThanOrEqual(4);
  for (const exchange of exchanges) {
    expect(exchange.headers, `${exchange.method} ${exchange.path}`).toMatchObject({ 'x-gateway-key': GATEWAY_TOKEN, 'x-tenant': 'acme' });
  }
  expect(app.log.text).not.toContain(GATEWAY_TOKEN);
});

it('refuses a bad line with a 400 naming the line and what to do, and stores nothing', async () => {
  const cases: [text: string, message: string][] = [
    ['X-Ok: 1\nno colon here', 'Line 2: no colon; write each header as Name: value, one per line.'],
    ['Bad Name: 1', 'Line 1: "Bad Name" is not a valid header name; use letters, digits and - (no spaces), e.g. X-Api-Gateway-Key.'],
    ['\nConnection: close', 'Line 2: Connection is a hop-by-hop header that proxies consume and the HTTP client sets itself; remove this line.'],
    [
      'Proxy-Authorization: Basic abc',
      'Line 1: Proxy-Authorization is a hop-by-hop header that proxies consume and the HTTP client sets itself; remove this line.',
    ],
    [
      'Authorization: Token token=x',
      'Line 1: Authorization is set by the app (the app sends the REST API key in it: enter the key in "REST API key"); remove this line.',
    ],
  ];
  for (const [text, message] of cases) {
    const refused = await call('PUT', '/api/connections/pagerduty', { customHeaders: text, fromEmail: 'someone-else@example.com' });
    expect(refused.status, text).toBe(400);
    expect((refused.body as { error: { details: { fields: unknown[] } } }).error.details.fields).toEqual([{ path: 'customHeaders', message }]);
  }
  const stored = await app.ctx.connections.pagerduty();
  expect(stored.customHeaders).toEqual([
    { name: 'X-Gateway-Key', value: GATEWAY_TOKEN },
    { name: 'X-Tenant', value: 'acme' },
  ]);
  expect(stored.fromEmail).toBe(pd.seedInfo().integrationUserEmail);
});

it('keeps the headers when the field is absent and removes them all with an empty text', async () => {
  const kept = await call('PUT', '/api/connections/pagerduty', { apiUrl: receiver.url });
  expect((kept.body as SavedPagerDutyConnection).customHeaders.map((header) => header.name)).toEqual(['X-Gateway-Key', 'X-Tenant']);
  const removed = await call('PUT', '/api/connections/pagerduty', { customHeaders: '' });
  expect((removed.body as SavedPagerDutyConnection).customHeaders).toEqual([]);
  exchanges.length = 0;
  await (await app.ctx.sessions.pagerduty.client()).request('GET', '/services');
  expect(exchanges.at(-1)?.headers).not.toHaveProperty('x-gateway-key');
});
