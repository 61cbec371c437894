import http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatusDashboardReply } from '../../contracts/statusDashboard';
import { eventually } from '../testing/eventually';
import { signedInApi, startDemoApp, waitForIdle, type ApiReply, type DemoApp } from '../testing/demoApp';

/** GET /api/status-dashboard and its event stream against the demo app and its emulators. */
let app: DemoApp;
let api: (method: string, route: string, body?: unknown) => Promise<ApiReply>;
let ids: ReturnType<DemoApp['emulators']['pagerduty']['seedInfo']>['ids'];
/** Seeded: #1 triggered P1 on Checkout API, #2 acknowledged P3 on Customer Support, #3 resolved. */
let checkout: string;
let refund: string;

beforeAll(async () => {
  app = await startDemoApp();
  api = await signedInApi(app);
  ids = app.emulators.pagerduty.seedInfo().ids;
  [checkout, refund] = ids.incidents as [string, string];
  await linkCase('500000000000001AAA', '00001001', checkout);
  await linkCase('500000000000002AAA', '00001002', refund);
  return () => app.close();
}, 60_000);

const openStreams: http.ClientRequest[] = [];
afterEach(() => {
  for (const request of openStreams.splice(0)) request.destroy();
});

async function linkCase(caseId: string, caseNumber: string, incidentId: string) {
  await app.ctx.links.link({ caseId, caseNumber, incidentId, incidentNumber: null, incidentUrl: null, serviceId: null, incidentStatus: 'triggered' });
}

async function dashboard(query = ''): Promise<StatusDashboardReply> {
  const reply = await api('GET', `/api/status-dashboard${query}`);
  expect(reply.status).toBe(200);
  return reply.body as StatusDashboardReply;
}

async function act(body: Record<string, unknown>) {
  const response = await fetch(`${app.emulators.pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`act ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
}

describe('GET /api/status-dashboard', () => {
  it('needs a signed-in admin', async () => {
    expect((await fetch(`${app.url}/api/status-dashboard`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/status-dashboard/events`, { headers: { accept: 'text/event-stream' } })).status).toBe(401);
  });

  it('answers 400 on the stream to a client that does not ask for an event stream, instead of a reply that never ends', async () => {
    const reply = await api('GET', '/api/status-dashboard/events');
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { message: string } }).error.message).toContain('Accept: text/event-stream');
  });

  it('lists the ongoing linked incidents, most severe priority first, with their linked Cases', async () => {
    const reply = await dashboard();
    expect(reply.incidents.map((incident) => [incident.id, incident.status, incident.priorityName])).toEqual([
      [checkout, 'triggered', 'P1'],
      [refund, 'acknowledged', 'P3'],
    ]);
    const first = reply.incidents[0]!;
    expect(first).toMatchObject({ title: 'Checkout latency above 2 s', serviceName: 'Checkout API', latestStatusUpdate: null });
    expect(first.linkedCases).toEqual([{ id: '500000000000001AAA', number: '00001001', url: expect.stringContaining('500000000000001AAA') as unknown }]);
    expect(reply.incidents[1]!.linkedCases.map((linked) => linked.number)).toEqual(['00001002']);
    expect(reply.options.priorities.map((priority) => priority.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });

  it('shows a business service impacted by an open incident on a supporting service', async () => {
    const reply = await dashboard();
    const store = reply.impactedBusinessServices.find((service) => service.name === 'Online store');
    expect(store).toEqual({ id: ids.businessServices['Online store'], name: 'Online store', priorityId: ids.priorities.P1, priorityName: 'P1' });
    expect(reply.impactedBusinessServices[0]?.name).toBe('Online store');
  });

  it('filters by service and by priority', async () => {
    const byService = await dashboard(`?serviceId=${ids.services['Customer Support']}`);
    expect(byService.incidents.map((incident) => incident.id)).toEqual([refund]);
    expect(byService.impactedBusinessServices).toEqual([]);
    const byPriority = await dashboard(`?priorityId=${ids.priorities.P1}&serviceId=`);
    expect(byPriority.incidents.map((incident) => incident.id)).toEqual([checkout]);
    expect(byPriority.impactedBusinessServices.map((service) => service.name)).toEqual(['Online store']);
    const byBusinessService = await dashboard(`?serviceId=${ids.businessServices['Online store']}`);
    expect(byBusinessService.incidents).toEqual([]);
    expect(byBusinessService.impactedBusinessServices.map((service) => service.name)).toEqual(['Online store']);
  });

  it('refuses a bad filter with 400 naming the field', async () => {
    for (const [query, path] of [
      ['?priorityId=P1%20OR%201', 'priorityId'],
      ['?serviceId=../x', 'serviceId'],
      ['?color=red', ''],
    ] as const) {
      const reply = await api('GET', `/api/status-dashboard${query}`);
      expect(reply.status).toBe(400);
      const error = (reply.body as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain(path || 'color');
    }
  });

  it('says in words that PagerDuty is down', async () => {
    const faults = app.emulators.pagerduty.url + '/__emulator/faults';
    await fetch(faults, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '^/priorities', status: 503, times: 5 }),
    });
    // The dashboard's reads are shared for a few seconds: an incident event drops them.
    app.ctx.sync.emit('eventRecorded', { source: 'pagerduty', sourceEventId: 'x', kind: 'test', payload: {} }, 0);
    try {
      const reply = await api('GET', '/api/status-dashboard');
      expect(reply.status).toBe(502);
      expect((reply.body as { error: { message: string } }).error.message).toMatch(/PagerDuty failed while reading the ongoing incidents.*HTTP 503/);
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
  });
});

describe('sorting', () => {
  it('puts the most severe priority first, then the oldest', async () => {
    const client = await app.ctx.sessions.pagerduty.client();
    const { body } = await client.request<{ incident: { id: string } }>('POST', '/incidents', {
      body: {
        incident: {
          type: 'incident',
          title: 'Support inbox down',
          service: { id: ids.services['Customer Support'], type: 'service_reference' },
          priority: { id: ids.priorities.P1, type: 'priority_reference' },
        },
      },
    });
    await linkCase('500000000000004AAA', '00001004', body.incident.id);
    app.ctx.sync.emit('eventRecorded', { source: 'pagerduty', sourceEventId: 'sorting', kind: 'test', payload: {} }, 0);
    const reply = await dashboard();
    expect(reply.incidents.map((incident) => [incident.priorityName, incident.id])).toEqual([
      ['P1', checkout],
      ['P1', body.incident.id],
      ['P3', refund],
    ]);
  });
});

describe('the Status Dashboard stream', () => {
  it('tells an open stream to refresh when a status update arrives, and the update is shown', async () => {
    const { cookie } = await app.signIn();
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const request = http.get(`${app.url}/api/status-dashboard/events`, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toContain('text/event-stream');
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => received.push(chunk));
        resolve();
      });
      request.on('error', reject);
      openStreams.push(request);
    });
    await act({ as: 'ada@example.com', incident_id: checkout, action: 'status_update', content: 'A fix is being deployed.' });
    await eventually(() => received.join('').includes('event: changed'), 'the changed event on the stream');
    await waitForIdle(app.ctx);
    const row = (await dashboard()).incidents.find((incident) => incident.id === checkout)!;
    expect(row.latestStatusUpdate?.message).toBe('A fix is being deployed.');
    expect(Date.parse(row.latestStatusUpdate?.at ?? '')).not.toBeNaN();
  });
});

describe('a spent rate limit', () => {
  // Last: PagerDuty's limiter then holds this app's next calls for a while, as it should.
  it('says in words that the PagerDuty rate limit is spent', async () => {
    const faults = app.emulators.pagerduty.url + '/__emulator/faults';
    await fetch(faults, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '^/business_services', status: 429, times: 5 }),
    });
    app.ctx.sync.emit('eventRecorded', { source: 'pagerduty', sourceEventId: 'rate', kind: 'test', payload: {} }, 0);
    try {
      const reply = await api('GET', '/api/status-dashboard');
      expect(reply.status).toBe(502);
      expect((reply.body as { error: { message: string } }).error.message).toMatch(/HTTP 429\)\. The rate limit is spent: try again in a minute\./);
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
  });
});
