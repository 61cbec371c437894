import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateWebhookPayload } from './openapi';
import { webhookExamplesDirectory } from './openapi/oracles/location';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import { oraclesPresent } from './testing/oracles';
import { receivedEnvelopeSchema, startWebhookReceiver, verifyPagerDutySignature, type WebhookReceiver } from './testing/webhookReceiver';
import { INCIDENT_EVENT_TYPES } from './webhooks/eventTypes';

const FROM = 'integration@example.com';
let h: Harness;
let receiver: WebhookReceiver;

// A short attempt timeout keeps the "receiver too slow" cases fast; PagerDuty's is 5 s.
useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started), emulator: { webhookTimeoutMs: 400 } });

async function subscribe(filter: Record<string, unknown> = { type: 'account_reference' }, events: string[] = [...INCIDENT_EVENT_TYPES]) {
  const res = await h.call('POST', '/webhook_subscriptions', {
    body: {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url: receiver.url, custom_headers: [{ name: 'x-tenant', value: 'acme' }] },
        description: 'test receiver',
        events,
        filter,
      },
    },
  });
  expect(res.status).toBe(200);
  const created = res.body.webhook_subscription!;
  return { id: created.id, secret: created.delivery_method.secret! };
}

const settle = () => h.control('POST', '/webhooks/settle');
const eventTypes = () => receiver.received.map((w) => w.body.event.event_type);
const createIncident = async (title: string, service = 'Checkout API', key?: string) =>
  (
    await h.call('POST', '/incidents', {
      from: FROM,
      body: {
        incident: { type: 'incident', title, service: { id: h.seed.ids.services[service], type: 'service_reference' }, ...(key ? { incident_key: key } : {}) },
      },
    })
  ).body.incident!.id;
const update = (id: string, incident: Record<string, unknown>, from = FROM) =>
  h.call('PUT', `/incidents/${id}`, { from, body: { incident: { type: 'incident_reference', ...incident } } });

describe('webhook subscriptions', () => {
  it('shows the secret only in the create response and supports list, get, update, delete', async () => {
    const { id, secret } = await subscribe();
    expect(secret).toMatch(/^[\w-]{32,}$/);
    const got = await h.call('GET', `/webhook_subscriptions/${id}`);
    expect(got.body.webhook_subscription?.delivery_method.secret).toBeNull();
    expect(got.body.webhook_subscription?.delivery_method.custom_headers[0]?.value).toBe('-- redacted --');
    const listed = await h.call('GET', '/webhook_subscriptions?filter_type=account');
    expect(listed.body.webhook_subscriptions?.map((s) => s.id)).toEqual([id]);
    const updated = await h.call('PUT', `/webhook_subscriptions/${id}`, {
      body: { webhook_subscription: { description: 'renamed', events: ['incident.resolved'] } },
    });
    expect(updated.body.webhook_subscription).toMatchObject({ description: 'renamed', events: ['incident.resolved'] });
    const bad = await h.call('POST', '/webhook_subscriptions', {
      body: {
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: { type: 'http_delivery_method', url: 'ftp://x' },
          events: [],
          filter: { type: 'account_reference' },
        },
      },
    });
    expect(bad.status).toBe(400);
    expect((await h.call('DELETE', `/webhook_subscriptions/${id}`)).status).toBe(204);
    expect((await h.call('GET', `/webhook_subscriptions/${id}`)).status).toBe(404);
    h.takeViolations(); // the refused create is a deliberately invalid request
  });

  it('pings with pagey.ping', async () => {
    const { id, secret } = await subscribe();
    expect((await h.call('POST', `/webhook_subscriptions/${id}/ping`)).status).toBe(202);
    await settle();
    expect(eventTypes()).toEqual(['pagey.ping']);
    expect(verifyPagerDutySignature(receiver.received[0]!.rawBody, receiver.received[0]!.headers['x-pagerduty-signature'] as string, secret)).toBe(true);
  });
});

describe('delivery', () => {
  it('delivers every incident change, signed, in order, with the acting user as agent', async () => {
    const { secret } = await subscribe();
    const id = await createIncident('Queue backlog');
    await update(id, { status: 'acknowledged' }, 'grace@example.com');
    await update(id, { status: 'triggered' });
    await update(id, { assignments: [{ assignee: { id: h.seed.ids.users['alan@example.com'], type: 'user_reference' } }] });
    await update(id, { escalation_level: 2 });
    await update(id, { priority: 'P2' });
    await h.call('POST', `/incidents/${id}/notes`, { from: 'ada@example.com', body: { note: { content: 'on it' } } });
    await update(id, { status: 'resolved' });
    await h.control('POST', '/act', { as: 'katherine@example.com', incident_id: id, action: 'reopen' });
    await settle();
    expect(eventTypes()).toEqual([
      'incident.triggered',
      'incident.acknowledged',
      'incident.unacknowledged',
      'incident.reassigned',
      'incident.escalated',
      'incident.priority_updated',
      'incident.annotated',
      'incident.resolved',
      'incident.reopened',
    ]);
    const users = h.seed.ids.users;
    expect(receiver.received.map((w) => w.body.event.agent?.id)).toEqual([
      users[FROM],
      users['grace@example.com'],
      users[FROM],
      users[FROM],
      users[FROM],
      users[FROM],
      users['ada@example.com'],
      users[FROM],
      users['katherine@example.com'],
    ]);
    const ids = new Set<string>();
    for (const webhook of receiver.received) {
      expect(verifyPagerDutySignature(webhook.rawBody, webhook.headers['x-pagerduty-signature'] as string, secret)).toBe(true);
      expect(verifyPagerDutySignature(webhook.rawBody, webhook.headers['x-pagerduty-signature'] as string, 'wrong-secret')).toBe(false);
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(webhook.headers['user-agent']).toBe('PagerDuty-Webhook/V3.0');
      expect(webhook.headers['x-tenant']).toBe('acme');
      ids.add(webhook.headers['x-webhook-id'] as string);
      expect(validateWebhookPayload(JSON.parse(webhook.rawBody)).errors).toEqual([]);
    }
    expect(ids.size).toBe(receiver.received.length);
    const annotated = receiver.received[6]!.body.event;
    expect(annotated.data).toMatchObject({ type: 'incident_note', content: 'on it', incident: { id } });
    expect(receiver.received[8]!.body.event.client).toEqual({ name: 'PagerDuty' });
  });

  it.runIf(oraclesPresent("the comparison with PagerDuty's webhook example"))('shapes the envelope like PagerDuty’s documented example', async () => {
    await subscribe();
    const id = await createIncident('Example shape');
    await update(id, { priority: 'P1' });
    await settle();
    const example = receivedEnvelopeSchema.parse(JSON.parse(readFileSync(`${webhookExamplesDirectory()}/incident.priority_updated.json`, 'utf8')));
    const sent = receiver.received.find((w) => w.body.event.event_type === 'incident.priority_updated')!.body;
    expect(Object.keys(sent.event).sort()).toEqual(Object.keys(example.event).sort());
    const exampleKeys = Object.keys(example.event.data).filter((key) => key !== 'incident_type' && key !== 'reopened_at');
    expect(Object.keys(sent.event.data)).toEqual(expect.arrayContaining(exampleKeys));
  });

  it('honours service and team filters and event types', async () => {
    await subscribe({ type: 'service_reference', id: h.seed.ids.services['Customer Support'] }, ['incident.triggered']);
    const other = await startWebhookReceiver();
    try {
      const team = await h.call('POST', '/webhook_subscriptions', {
        body: {
          webhook_subscription: {
            type: 'webhook_subscription',
            delivery_method: { type: 'http_delivery_method', url: other.url },
            events: ['incident.triggered', 'incident.resolved'],
            filter: { type: 'team_reference', id: h.seed.ids.teams.Engineering },
          },
        },
      });
      expect(team.status).toBe(200);
      const support = await createIncident('Refund broken', 'Customer Support');
      const checkout = await createIncident('Checkout broken', 'Checkout API');
      await update(support, { status: 'resolved' });
      await update(checkout, { status: 'resolved' });
      await settle();
      expect(receiver.received.map((w) => [w.body.event.event_type, w.body.event.data.id])).toEqual([['incident.triggered', support]]);
      expect(other.received.map((w) => [w.body.event.event_type, w.body.event.data.id])).toEqual([
        ['incident.triggered', checkout],
        ['incident.resolved', checkout],
      ]);
    } finally {
      await other.close();
    }
  });

  it('signs with both secrets while a rotation is in progress', async () => {
    const { id, secret: oldSecret } = await subscribe();
    const rotated = await h.control('POST', `/webhooks/subscriptions/${id}/rotate-secret`);
    const newSecret = rotated.body.secret!;
    await createIncident('During rotation');
    await settle();
    const during = receiver.received[0]!;
    const header = during.headers['x-pagerduty-signature'] as string;
    expect(header.split(',')).toHaveLength(2);
    expect(verifyPagerDutySignature(during.rawBody, header, oldSecret)).toBe(true);
    expect(verifyPagerDutySignature(during.rawBody, header, newSecret)).toBe(true);
    await h.control('POST', `/webhooks/subscriptions/${id}/complete-rotation`);
    await createIncident('After rotation');
    await settle();
    const after = receiver.received[1]!;
    expect(verifyPagerDutySignature(after.rawBody, after.headers['x-pagerduty-signature'] as string, newSecret)).toBe(true);
    expect(verifyPagerDutySignature(after.rawBody, after.headers['x-pagerduty-signature'] as string, oldSecret)).toBe(false);
  });
});

describe('retries and ordering', () => {
  it('retries 5xx and 429 with backoff, keeping the incident’s later events behind the failing one', async () => {
    const { id: subscriptionId } = await subscribe();
    receiver.plan(500);
    const first = await createIncident('Flaky receiver');
    await update(first, { status: 'acknowledged' });
    await settle();
    expect(eventTypes()).toEqual(['incident.triggered']); // failed; the acknowledgement waits behind it
    const second = await createIncident('Another incident'); // another incident's queue is not blocked
    await settle();
    expect(receiver.received.map((w) => w.body.event.data.id)).toEqual([first, second]);

    receiver.plan(429);
    await h.control('POST', '/webhooks/advance', { ms: 60_000 }); // first retry after 1 minute: 429 again
    await h.control('POST', '/webhooks/advance', { ms: 60_000 }); // not due yet (3 minutes)
    expect(receiver.received).toHaveLength(3);
    await h.control('POST', '/webhooks/advance', { ms: 120_000 });
    const ofFirst = receiver.received.filter((w) => w.body.event.data.id === first);
    expect(ofFirst.map((w) => w.body.event.event_type)).toEqual(['incident.triggered', 'incident.triggered', 'incident.triggered', 'incident.acknowledged']);
    expect(new Set(ofFirst.slice(0, 3).map((w) => w.headers['x-webhook-id'])).size).toBe(1);
    const deliveries = (await h.control('GET', `/webhooks/deliveries?subscription_id=${subscriptionId}`)).body.deliveries!;
    expect(deliveries[0]?.attempts.map((a) => a.status)).toEqual([500, 429, 200]);
    expect(deliveries.every((d) => d.state === 'delivered')).toBe(true);
  });

  it('delivers at least once: a receiver that processed the body but answered too late gets it again', async () => {
    await subscribe();
    receiver.plan({ status: 200, delayMs: 1_000 });
    await createIncident('Slow receiver');
    await settle();
    await h.control('POST', '/webhooks/flush');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.headers['x-webhook-id']).toBe(receiver.received[1]!.headers['x-webhook-id']);
    expect(receiver.received[0]!.rawBody).toBe(receiver.received[1]!.rawBody);
  });

  it('drops on other 4xx without retrying, and after 5 failed attempts', async () => {
    const { id } = await subscribe();
    receiver.plan(400);
    await createIncident('Rejected');
    await createIncident('Accepted');
    receiver.plan(200, 503, 503, 503, 503, 503);
    await settle();
    await createIncident('Never accepted');
    await h.control('POST', '/webhooks/flush');
    const deliveries = (await h.control('GET', `/webhooks/deliveries?subscription_id=${id}`)).body.deliveries!;
    expect(deliveries.map((d) => [d.state, d.attempts.length])).toEqual([
      ['dropped', 1],
      ['delivered', 1],
      ['dropped', 5],
    ]);
    const subscription = await h.call('GET', `/webhook_subscriptions/${id}`);
    expect(subscription.body.webhook_subscription?.delivery_method.temporarily_disabled).toBe(false);
  });

  it('disables the subscription after 3 consecutive dropped webhooks, until enabled again', async () => {
    const { id } = await subscribe();
    receiver.plan(410, 410, 410);
    for (const title of ['One', 'Two', 'Three']) await createIncident(title);
    await settle();
    const disabled = await h.call('GET', `/webhook_subscriptions/${id}`);
    expect(disabled.body.webhook_subscription?.delivery_method.temporarily_disabled).toBe(true);
    await createIncident('While disabled');
    await settle();
    expect(receiver.received).toHaveLength(3);
    const enabled = await h.call('POST', `/webhook_subscriptions/${id}/enable`);
    expect(enabled.body.webhook_subscription?.delivery_method.temporarily_disabled).toBe(false);
    await createIncident('After enable');
    await settle();
    expect(receiver.received.at(-1)!.body.event.data.title).toBe('After enable');
  });
});
