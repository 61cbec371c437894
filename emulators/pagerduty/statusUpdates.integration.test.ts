import { describe, expect, it } from 'vitest';
import { validateWebhookPayload } from './openapi';
import { expectLikeExample, subscribeReceiver } from './testing/exampleShape';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import type { WebhookReceiver } from './testing/webhookReceiver';

const FROM = 'integration@example.com';
let h: Harness;
let receiver: WebhookReceiver;

useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started) });

const incidentId = () => h.seed.ids.incidents[0]!;
const user = (email: string) => h.seed.ids.users[email]!;

describe('status updates', () => {
  it('publishes a status update with its sender and delivers incident.status_update_published shaped like PagerDuty’s example', async () => {
    await subscribeReceiver(h, receiver, ['incident.status_update_published']);
    const res = await h.call('POST', `/incidents/${incidentId()}/status_updates`, {
      from: FROM,
      body: { message: 'A fix is being deployed.', subject: 'Checkout latency', html_message: '<p>A fix is being deployed.</p>' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status_update).toMatchObject({ message: 'A fix is being deployed.', subject: 'Checkout latency', sender: { id: user(FROM) } });
    await h.control('POST', '/act', { as: 'grace@example.com', incident_id: incidentId(), action: 'status_update', content: 'Fixed; watching.' });
    await h.control('POST', '/webhooks/settle');
    expect(receiver.received.map((w) => (w.body.event.data as { message?: string }).message)).toEqual(['A fix is being deployed.', 'Fixed; watching.']);
    for (const w of receiver.received) {
      expect(validateWebhookPayload(w.body).errors).toEqual([]);
      expect(w.body.event.event_type).toBe('incident.status_update_published');
      expectLikeExample(w.body.event.data, 'incident_status_update');
    }
    expect(receiver.received[0]!.body.event.data).toMatchObject({ id: res.body.status_update!.id, incident: { id: incidentId() } });
    expect(receiver.received[1]!.body.event.agent?.id).toBe(user('grace@example.com'));
  });

  it('refuses an unknown incident, a missing From and an empty message', async () => {
    const unknown = await h.call('POST', '/incidents/PNOPE00/status_updates', { from: FROM, body: { message: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    const noFrom = await h.call('POST', `/incidents/${incidentId()}/status_updates`, { body: { message: 'x' } });
    expect(noFrom.status).toBe(400);
    expect(noFrom.body.error?.code).toBe(2016);
    const empty = await h.call('POST', `/incidents/${incidentId()}/status_updates`, { from: FROM, body: { message: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.code).toBe(2001);
    h.takeViolations(); // refused requests are deliberately invalid
  });
});

describe('status update subscribers', () => {
  it('adds, lists and removes users and teams', async () => {
    const path = `/incidents/${incidentId()}/status_updates`;
    const added = await h.call('POST', `${path}/subscribers`, {
      body: {
        subscribers: [
          { subscriber_id: user('ada@example.com'), subscriber_type: 'user' },
          { subscriber_id: h.seed.ids.teams['Customer Support']!, subscriber_type: 'team' },
          { subscriber_id: 'PNOPE00', subscriber_type: 'user' },
        ],
      },
    });
    expect(added.status).toBe(200);
    expect(added.body.subscriptions?.map((s) => s.result)).toEqual(['success', 'success', 'unauthorized']);
    const again = await h.call('POST', `${path}/subscribers`, { body: { subscribers: [{ subscriber_id: user('ada@example.com'), subscriber_type: 'user' }] } });
    expect(again.body.subscriptions?.map((s) => s.result)).toEqual(['duplicate']);
    const listed = await h.call('GET', `${path}/subscribers`);
    expect(listed.body.subscribers?.map((s) => [s.subscriber_id, s.subscriber_type])).toEqual([
      [user('ada@example.com'), 'user'],
      [h.seed.ids.teams['Customer Support'], 'team'],
    ]);
    const removed = await h.call('POST', `${path}/unsubscribe`, {
      body: {
        subscribers: [
          { subscriber_id: user('ada@example.com'), subscriber_type: 'user' },
          { subscriber_id: user('alan@example.com'), subscriber_type: 'user' },
          { subscriber_id: 'PNOPE00', subscriber_type: 'team' },
        ],
      },
    });
    expect(removed.body).toEqual({ deleted_count: 1, non_existent_count: 1, unauthorized_count: 1 });
    expect((await h.call('GET', `${path}/subscribers`)).body.subscribers).toHaveLength(1);
  });

  it('answers an unknown incident with PagerDuty’s error bodies', async () => {
    const list = await h.call('GET', '/incidents/PNOPE00/status_updates/subscribers');
    expect(list.status).toBe(400);
    expect(list.body.error?.code).toBe(2001);
    const unsubscribe = await h.call('POST', '/incidents/PNOPE00/status_updates/unsubscribe', {
      body: { subscribers: [{ subscriber_id: user('ada@example.com'), subscriber_type: 'user' }] },
    });
    expect(unsubscribe.status).toBe(404);
  });
});
