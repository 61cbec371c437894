import { beforeEach, describe, expect, it } from 'vitest';
import { validateWebhookPayload } from './openapi';
import { expectLikeExample, subscribeReceiver } from './testing/exampleShape';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import type { WebhookReceiver } from './testing/webhookReceiver';

const FROM = 'integration@example.com';
let h: Harness;
let receiver: WebhookReceiver;

useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started) });
beforeEach(async () => {
  await h.control('POST', '/clock', { offsetMs: 0 });
});

const triggered = () => h.seed.ids.incidents[0]!;
const acknowledged = () => h.seed.ids.incidents[1]!;
const update = (id: string, incident: Record<string, unknown>) =>
  h.call('PUT', `/incidents/${id}`, { from: FROM, body: { incident: { type: 'incident_reference', ...incident } } });
const snooze = (id: string, duration: number) => h.call('POST', `/incidents/${id}/snooze`, { from: FROM, body: { duration } });

describe('conference bridge', () => {
  it('delivers incident.conference_bridge.updated shaped like PagerDuty’s example when the bridge changes', async () => {
    await subscribeReceiver(h, receiver, ['incident.conference_bridge.updated']);
    const bridge = { conference_number: '+1-555-555-5555,,123#', conference_url: 'https://meet.example.com/checkout' };
    const res = await update(triggered(), { conference_bridge: bridge });
    expect(res.status).toBe(200);
    expect(res.body.incident?.conference_bridge).toEqual(bridge);
    await update(triggered(), { conference_bridge: bridge }); // unchanged: no webhook
    await h.control('POST', '/act', {
      as: 'ada@example.com',
      incident_id: triggered(),
      action: 'conference_bridge',
      conference_url: 'https://meet.example.com/war-room',
    });
    await h.control('POST', '/webhooks/settle');
    expect(receiver.received).toHaveLength(2);
    for (const w of receiver.received) {
      expect(validateWebhookPayload(w.body).errors).toEqual([]);
      expect(w.body.event.event_type).toBe('incident.conference_bridge.updated');
      expectLikeExample(w.body.event.data, 'incident_conference_bridge');
    }
    expect(receiver.received[0]!.body.event.data).toMatchObject({
      incident: { id: triggered() },
      conference_numbers: [{ label: '', number: bridge.conference_number }],
      conference_url: bridge.conference_url,
    });
    expect(receiver.received[1]!.body.event.data).toMatchObject({ conference_numbers: [], conference_url: 'https://meet.example.com/war-room' });
    expect(receiver.received[1]!.body.event.agent?.id).toBe(h.seed.ids.users['ada@example.com']);
  });
});

describe('snooze', () => {
  it('keeps an acknowledged incident acknowledged until the snooze ends, then re-triggers it', async () => {
    await subscribeReceiver(h, receiver, ['incident.unacknowledged']);
    const res = await snooze(acknowledged(), 3600);
    expect(res.status).toBe(201);
    expect(res.body.incident?.status).toBe('acknowledged');
    const [pending] = res.body.incident!.pending_actions;
    expect(pending?.type).toBe('unacknowledge');
    expect(Date.parse(pending!.at) - Date.now()).toBeGreaterThan(3_500_000);
    await h.control('POST', '/clock', { advanceMs: 1_800_000 });
    expect((await h.call('GET', `/incidents/${acknowledged()}`)).body.incident?.status).toBe('acknowledged');
    await h.control('POST', '/clock', { advanceMs: 1_800_001 });
    const after = (await h.call('GET', `/incidents/${acknowledged()}`)).body.incident!;
    expect(after.status).toBe('triggered');
    expect(after.pending_actions).toEqual([]);
    expect(after.acknowledgements).toEqual([]);
    const entries = (await h.call('GET', `/incidents/${acknowledged()}/log_entries`)).body.log_entries!;
    expect(entries.slice(0, 2).map((e) => e.type)).toEqual(['unacknowledge_log_entry', 'snooze_log_entry']);
    await h.control('POST', '/webhooks/settle');
    expect(receiver.received.map((w) => [w.body.event.event_type, w.body.event.agent])).toEqual([['incident.unacknowledged', null]]);
  });

  it('ends the snooze when the incident leaves acknowledged', async () => {
    await snooze(acknowledged(), 60);
    await update(acknowledged(), { status: 'triggered' });
    await update(acknowledged(), { status: 'acknowledged' });
    await h.control('POST', '/clock', { advanceMs: 61_000 });
    const after = (await h.call('GET', `/incidents/${acknowledged()}`)).body.incident!;
    expect(after.status).toBe('acknowledged');
    expect(after.pending_actions).toEqual([]);
  });

  it('refuses to snooze a triggered, a resolved or an unknown incident, or for longer than a week', async () => {
    const notAcknowledged = await snooze(triggered(), 60);
    expect(notAcknowledged.status).toBe(400);
    expect(notAcknowledged.body.error?.code).toBe(2001);
    const resolved = await snooze(h.seed.ids.incidents[2]!, 60);
    expect(resolved.body.error).toMatchObject({ code: 1001, message: 'Incident Already Resolved' });
    expect((await snooze('PNOPE00', 60)).status).toBe(404);
    expect((await snooze(acknowledged(), 604_801)).status).toBe(400);
    expect((await h.call('GET', `/incidents/${acknowledged()}`)).body.incident?.pending_actions).toEqual([]);
    h.takeViolations(); // refused requests are deliberately invalid
  });
});
