import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../emulators/pagerduty';
import { WEBHOOK_TABLES } from '../store/tables';
import { startPagerDutyTestbed, type PagerDutyTestbed } from '../testing/pagerDutyTestbed';
import { errorOf, type Reply } from '../testing/replies';
import type { WebhooksReply } from '../../contracts/api';

/** A PagerDuty v3 webhook event as the inbox stores it (the fields these tests read). */
interface StoredWebhookEvent {
  id: string;
  agent: { id: string } | null;
  data: Record<string, unknown>;
}

const errorCode = async (response: Response) => errorOf({ status: response.status, body: await response.json() }).code;

/**
 * POST /webhooks/pagerduty against the PagerDuty emulator's real, signed deliveries: the app
 * provisions its subscription, a responder acts in PagerDuty, and the inbox holds the result.
 */
describe('POST /webhooks/pagerduty', () => {
  let bed: PagerDutyTestbed;
  let subscriptionId: string;
  const incident = () => bed.seed.ids.incidents[0]!;
  const secretOf = (id: string) => bed.pd.context.store.webhookSubscriptions.get(id)!.secrets[0];
  const sign = (body: string, secret: string) => `v1=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${bed.app.url}/webhooks/pagerduty`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const deliveries = async () =>
    ((await bed.control('GET', `/webhooks/deliveries?subscription_id=${subscriptionId}`)) as { deliveries: Delivery[] }).deliveries;

  beforeAll(async () => {
    bed = await startPagerDutyTestbed();
    const provisioned = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    expect(provisioned.status).toBe(200);
    subscriptionId = provisioned.body.subscriptions[0]!.id;
  });
  afterAll(() => bed.close());
  beforeEach(async () => {
    await bed.settle();
  });

  it("stores a responder's acknowledgement once, from the real signed delivery, without a session", async () => {
    const before = (await bed.inbox()).length;
    await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: incident(), action: 'acknowledge' });
    await bed.settle();
    const rows = (await bed.inbox()).slice(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ source: 'pagerduty', kind: 'incident.acknowledged', incident_id: incident(), incident_number: '1' });
    const payload = JSON.parse(row!.payload) as StoredWebhookEvent;
    expect(row!.source_event_id).toBe(`pd:${payload.id}`);
    expect(payload.agent?.id).toBe(bed.seed.ids.users['ada@example.com']);
    const last = (await deliveries()).at(-1)!;
    expect(last.attempts.map((attempt) => attempt.status)).toEqual([200]);
    expect(last.eventId).toBe(payload.id);
  });

  it("stores a note as incident.annotated on the note's incident", async () => {
    const before = (await bed.inbox()).length;
    await bed.control('POST', '/act', { as: 'grace@example.com', incident_id: incident(), action: 'note', content: 'Looking into it' });
    await bed.settle();
    const rows = (await bed.inbox()).slice(before);
    expect(rows.map((row) => [row.kind, row.incident_id])).toEqual([['incident.annotated', incident()]]);
    expect((JSON.parse(rows[0]!.payload) as StoredWebhookEvent).data.content).toBe('Looking into it');
  });

  it('accepts deliveries signed with two v1 values during a secret rotation', async () => {
    const rotation = (await bed.control('POST', `/webhooks/subscriptions/${subscriptionId}/rotate-secret`, {})) as { signingSecrets: number };
    expect(rotation.signingSecrets).toBe(2);
    const before = (await bed.inbox()).length;
    await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: bed.seed.ids.incidents[1]!, action: 'note', content: 'Rotating' });
    await bed.settle();
    const last = (await deliveries()).at(-1)!;
    expect(last.attempts.map((attempt) => attempt.status)).toEqual([200]);
    expect((await bed.inbox()).slice(before).map((row) => row.kind)).toEqual(['incident.annotated']);
    // Back to the original secret only, so later tests keep verifying.
    bed.pd.context.store.webhookSubscriptions.get(subscriptionId)!.secrets = [bed.pd.context.store.webhookSubscriptions.get(subscriptionId)!.secrets[1]!];
  });

  it('answers a replayed delivery 200 and stores nothing: same body again, or the same X-Webhook-Id with another event', async () => {
    const delivered = (await deliveries()).filter((delivery) => delivery.eventType.startsWith('incident.')).at(-1)!;
    const before = await bed.inbox();
    const headers = { 'x-pagerduty-signature': sign(delivered.body, secretOf(subscriptionId)), 'x-webhook-id': delivered.id };
    const replay = await post(delivered.body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate' });

    const other = JSON.parse(delivered.body) as { event: { id: string } };
    other.event.id = crypto.randomUUID();
    const otherBody = JSON.stringify(other);
    const sameDelivery = await post(otherBody, { 'x-pagerduty-signature': sign(otherBody, secretOf(subscriptionId)), 'x-webhook-id': delivered.id });
    expect(sameDelivery.status).toBe(200);
    // Same event through a delivery id not seen before (another subscription): the inbox drops it.
    const viaOtherSubscription = await post(delivered.body, { 'x-pagerduty-signature': headers['x-pagerduty-signature'], 'x-webhook-id': crypto.randomUUID() });
    expect(await viaOtherSubscription.json()).toEqual({ status: 'duplicate' });
    expect(await bed.inbox()).toEqual(before);
  });

  it('rejects a bad or missing signature with 401 and stores nothing', async () => {
    const delivered = (await deliveries()).at(-1)!;
    const body = delivered.body.replace('"event"', '"event" ').replace(/"id":"[^"]+"/, `"id":"${crypto.randomUUID()}"`);
    const before = await bed.inbox();
    const webhookIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const attempts: Record<string, string>[] = [
      { 'x-pagerduty-signature': sign(body, 'not-our-secret'), 'x-webhook-id': webhookIds[0]! },
      // A valid signature of another body: the body was tampered with.
      { 'x-pagerduty-signature': sign(delivered.body, secretOf(subscriptionId)), 'x-webhook-id': webhookIds[1]! },
      { 'x-pagerduty-signature': 'v1=zz, v2=abc', 'x-webhook-id': webhookIds[2]! },
      { 'x-webhook-id': webhookIds[3]! },
    ];
    for (const headers of attempts) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('bad_signature');
    }
    expect(await bed.inbox()).toEqual(before);
    expect(await bed.app.ctx.db(WEBHOOK_TABLES.deliveries).whereIn('webhook_id', webhookIds).select()).toEqual([]);
  });

  it('answers 413 with the error envelope above 512 kB', async () => {
    const body = JSON.stringify({ event: { padding: 'x'.repeat(600 * 1024) } });
    const response = await post(body, { 'x-pagerduty-signature': sign(body, secretOf(subscriptionId)) });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
  });

  it('answers 400 to a signed body that is not JSON or not a v3 envelope, and stores nothing', async () => {
    const before = await bed.inbox();
    for (const body of [
      '{"event":',
      JSON.stringify({ messages: [] }),
      JSON.stringify({
        event: {
          id: 'E1',
          event_type: 'incident.resolved',
          resource_type: 'incident',
          occurred_at: 'yesterday',
          agent: null,
          data: { id: 'P1', type: 'incident' },
        },
      }),
    ]) {
      const response = await post(body, { 'x-pagerduty-signature': sign(body, secretOf(subscriptionId)) });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('validation_failed');
    }
    expect(await bed.inbox()).toEqual(before);
  });

  /** A real signed incident delivery, parsed, with a fresh event id so only the change under test decides. */
  const incidentEnvelope = async () => {
    const delivered = (await deliveries())
      .filter((delivery) => delivery.eventType.startsWith('incident.') && delivery.eventType !== 'incident.annotated')
      .at(-1)!;
    const envelope = JSON.parse(delivered.body) as { event: { id: string; agent: { id: string } | null; data: Record<string, unknown> } };
    envelope.event.id = crypto.randomUUID();
    return envelope;
  };

  it('answers 400 to ids that are not PagerDuty ids (a path in the incident or agent id), and stores nothing', async () => {
    await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: incident(), action: 'acknowledge' });
    await bed.settle();
    const before = await bed.inbox();
    const hostile: [string, (envelope: Awaited<ReturnType<typeof incidentEnvelope>>) => void][] = [
      ['event.data.id', (envelope) => (envelope.event.data.id = '../teams/PTEAM01')],
      ['event.data.id', (envelope) => (envelope.event.data.id = '..')],
      ['event.data.id', (envelope) => (envelope.event.data.id = 'p1abcde')],
      ['event.agent.id', (envelope) => (envelope.event.agent = { ...envelope.event.agent!, id: 'PUSER01/../../abilities' })],
    ];
    for (const [field, corrupt] of hostile) {
      const envelope = await incidentEnvelope();
      corrupt(envelope);
      const body = JSON.stringify(envelope);
      const response = await post(body, { 'x-pagerduty-signature': sign(body, secretOf(subscriptionId)), 'x-webhook-id': crypto.randomUUID() });
      expect(response.status).toBe(400);
      const error = errorOf({ status: response.status, body: await response.json() });
      expect([error.code, error.message]).toEqual(['validation_failed', expect.stringContaining(`${field}: must be a PagerDuty id`)]);
    }
    expect(await bed.inbox()).toEqual(before);
  });

  it('answers 400 to a signed body nested 5,000 levels deep, before storing anything', async () => {
    const before = await bed.inbox();
    const envelope = await incidentEnvelope();
    const body = JSON.stringify(envelope).replace(/}}$/, `,"custom":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`);
    expect(() => JSON.parse(body) as unknown).not.toThrow();
    const response = await post(body, { 'x-pagerduty-signature': sign(body, secretOf(subscriptionId)), 'x-webhook-id': crypto.randomUUID() });
    expect(response.status).toBe(400);
    const error = errorOf({ status: response.status, body: await response.json() });
    expect([error.code, error.message]).toEqual(['validation_failed', expect.stringContaining('more than 32 levels deep')]);
    expect(await bed.inbox()).toEqual(before);
  });

  it('answers a ping 200 without storing it, and ignores other resource types', async () => {
    const before = await bed.inbox();
    expect((await bed.rest('POST', `/webhook_subscriptions/${subscriptionId}/ping`)).status).toBe(202);
    await bed.settle();
    const ping = (await deliveries()).at(-1)!;
    expect(ping.eventType).toBe('pagey.ping');
    expect(ping.attempts.map((attempt) => attempt.status)).toEqual([200]);
    const service = JSON.stringify({
      event: {
        id: crypto.randomUUID(),
        event_type: 'service.updated',
        resource_type: 'service',
        occurred_at: new Date().toISOString(),
        agent: null,
        client: null,
        data: { id: 'PSVC', type: 'service' },
      },
    });
    const ignored = await post(service, { 'x-pagerduty-signature': sign(service, secretOf(subscriptionId)) });
    expect(await ignored.json()).toEqual({ status: 'ignored' });
    expect(await bed.inbox()).toEqual(before);
  });
});
