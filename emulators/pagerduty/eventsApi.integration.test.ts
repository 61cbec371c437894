import { describe, expect, it } from 'vitest';
import { subscribeReceiver } from './testing/exampleShape';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import type { WebhookReceiver } from './testing/webhookReceiver';

let h: Harness;
let receiver: WebhookReceiver;

useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started), emulator: { eventsRateLimitPerMinute: 20 } });

const SERVICE = 'Salesforce Sync';
const routingKey = () => h.seed.keys.events[SERVICE]!;
const serviceId = () => h.seed.ids.services[SERVICE]!;

interface EnqueueAnswer {
  status: number;
  body: { status?: string; message?: string; dedup_key?: string; errors?: string[] };
}

async function enqueue(body: unknown, raw?: string): Promise<EnqueueAnswer> {
  const res = await fetch(`${h.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as EnqueueAnswer['body'] };
}

const trigger = (dedupKey: string | undefined, summary = 'Connection check failed') => ({
  routing_key: routingKey(),
  event_action: 'trigger',
  ...(dedupKey ? { dedup_key: dedupKey } : {}),
  payload: { summary, source: 'connector.example.com', severity: 'critical', custom_details: { check: 'pagerduty' } },
  links: [{ href: 'https://connector.example.com/#summary', text: 'SUMMARY' }],
  images: [{ src: 'https://connector.example.com/logo.png' }],
  client: 'PagerDuty for Service Cloud',
});

async function incidentsWithKey(key: string) {
  const res = await h.call('GET', `/incidents?incident_key=${encodeURIComponent(key)}&date_range=all`);
  return res.body.incidents ?? [];
}

describe('Events API v2: POST /v2/enqueue', () => {
  it('opens an incident on the routing key’s service for a trigger, adds repeated triggers to the open alert, and resolves both with a resolve', async () => {
    const first = await enqueue(trigger('connector/pagerduty'));
    expect(first).toEqual({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'connector/pagerduty' } });
    const again = await enqueue(trigger('connector/pagerduty', 'Connection check failed again'));
    expect(again.status).toBe(202);
    let incidents = await incidentsWithKey('connector/pagerduty');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      title: 'Connection check failed',
      status: 'triggered',
      service: { id: serviceId() },
      alert_counts: { all: 1, triggered: 1 },
    });
    expect(h.emulator.context.store.alerts).toMatchObject([
      { dedupKey: 'connector/pagerduty', triggerCount: 2, severity: 'critical', customDetails: { check: 'pagerduty' } },
    ]);

    const resolved = await enqueue({ routing_key: routingKey(), event_action: 'resolve', dedup_key: 'connector/pagerduty' });
    expect(resolved).toEqual({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'connector/pagerduty' } });
    incidents = await incidentsWithKey('connector/pagerduty');
    expect(incidents[0]).toMatchObject({ status: 'resolved', alert_counts: { all: 1, triggered: 0, resolved: 1 } });

    // Once resolved, the same dedup_key opens a new alert and a new incident.
    await enqueue(trigger('connector/pagerduty'));
    incidents = await incidentsWithKey('connector/pagerduty');
    expect(incidents.map((incident) => incident.status).sort()).toEqual(['resolved', 'triggered']);
  });

  it('acknowledges through the alert, drops an acknowledge or resolve without an open alert, and generates a dedup_key when none is given', async () => {
    const generated = await enqueue(trigger(undefined));
    expect(generated.status).toBe(202);
    expect(generated.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
    const ack = await enqueue({ routing_key: routingKey(), event_action: 'acknowledge', dedup_key: generated.body.dedup_key });
    expect(ack.status).toBe(202);
    expect((await incidentsWithKey(generated.body.dedup_key!))[0]?.status).toBe('acknowledged');
    const dropped = await enqueue({ routing_key: routingKey(), event_action: 'resolve', dedup_key: 'never-triggered' });
    expect(dropped).toEqual({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'never-triggered' } });
    expect(await incidentsWithKey('never-triggered')).toEqual([]);
  });

  it('groups a trigger into the service’s open incident with the same key, and a resolve from the console resolves the alert', async () => {
    await enqueue(trigger('connector/jobs-dead'));
    const [incident] = await incidentsWithKey('connector/jobs-dead');
    await h.control('POST', '/act', { as: 'grace@example.com', incident_id: incident!.id, action: 'resolve' });
    expect(h.emulator.context.store.alerts[0]?.status).toBe('resolved');
    // The alert was resolved with its incident: a new trigger opens a new incident.
    await enqueue(trigger('connector/jobs-dead'));
    expect(await incidentsWithKey('connector/jobs-dead')).toHaveLength(2);
  });

  it('delivers the usual webhooks for the incidents alerts open and resolve', async () => {
    await subscribeReceiver(h, receiver, ['incident.triggered', 'incident.acknowledged', 'incident.resolved']);
    await enqueue(trigger('connector/webhook'));
    await enqueue({ routing_key: routingKey(), event_action: 'acknowledge', dedup_key: 'connector/webhook' });
    await enqueue({ routing_key: routingKey(), event_action: 'resolve', dedup_key: 'connector/webhook' });
    await h.control('POST', '/webhooks/settle');
    expect(receiver.received.map((w) => w.body.event.event_type)).toEqual(['incident.triggered', 'incident.acknowledged', 'incident.resolved']);
    expect(receiver.received[0]!.body.event.data).toMatchObject({ title: 'Connection check failed', service: { id: serviceId() } });
  });

  it('refuses what PagerDuty refuses with 400 {status, message, errors}, changing nothing', async () => {
    const cases: [unknown, string[]][] = [
      [{ event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'info' } }, ["'routing_key' is missing or blank"]],
      [{ routing_key: routingKey(), event_action: 'trigger' }, ["'payload' is missing or blank"]],
      [{ routing_key: routingKey(), event_action: 'trigger', payload: { source: 's', severity: 'info' } }, ["'payload.summary' is missing or blank"]],
      [
        { routing_key: routingKey(), event_action: 'trigger', payload: { summary: ' ', source: 's', severity: 'info' } },
        ["'payload.summary' is missing or blank"],
      ],
      [{ routing_key: routingKey(), event_action: 'resolve' }, ["'dedup_key' is missing or blank"]],
      [{ routing_key: 'not-a-routing-key', event_action: 'resolve', dedup_key: 'x' }, ['Invalid routing key']],
    ];
    for (const [body, errors] of cases) {
      const answer = await enqueue(body);
      expect(answer, JSON.stringify(body)).toEqual({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });
    }
    for (const body of [
      { routing_key: routingKey(), event_action: 'snooze', dedup_key: 'x' },
      { routing_key: routingKey(), event_action: 'trigger', payload: { summary: 's', source: 's', severity: 'fatal' } },
      { routing_key: routingKey(), event_action: 'trigger', dedup_key: 'k'.repeat(256), payload: { summary: 's', source: 's', severity: 'info' } },
      { routing_key: routingKey(), event_action: 'trigger', payload: { summary: 's'.repeat(1025), source: 's', severity: 'info' } },
    ]) {
      const answer = await enqueue(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
    }
    const malformed = await enqueue(undefined, '{"routing_key":');
    expect(malformed).toEqual({
      status: 400,
      body: { status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: ['JSON parse error'] },
    });
    expect(h.emulator.context.store.alerts).toEqual([]);
  });

  it('answers 429 past the per-routing-key limit, until the window passes', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 21; i += 1) answers.push((await enqueue(trigger('connector/flood'))).status);
    expect(answers.slice(0, 20).every((status) => status === 202)).toBe(true);
    const throttled = await enqueue(trigger('connector/flood'));
    expect(throttled).toEqual({
      status: 429,
      body: { status: 'throttle event', message: 'Requests for this service are arriving too quickly.  Please retry later.', errors: ['Too many requests'] },
    });
    await h.control('POST', '/clock', { advanceMs: 60_000 });
    expect((await enqueue(trigger('connector/flood'))).status).toBe(202);
  });

  it('lists the service’s Events API v2 integration with its integration key, as the REST API does', async () => {
    const service = await h.call('GET', `/services/${serviceId()}`);
    const ref = service.body.service?.integrations[0] as { id: string; type: string } | undefined;
    expect(ref?.type).toBe('events_api_v2_inbound_integration_reference');
    const res = await h.call('GET', `/services/${serviceId()}/integrations/${ref!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      integration: { id: ref!.id, type: 'events_api_v2_inbound_integration', integration_key: routingKey(), service: { id: serviceId() } },
    });
    expect(routingKey()).toMatch(/^[0-9a-f]{32}$/);
    const elsewhere = await h.call('GET', `/services/${h.seed.ids.services['Checkout API']!}/integrations/${ref!.id}`);
    expect(elsewhere.status).toBe(404);
    h.takeViolations(); // the 404 is deliberate
  });
});
