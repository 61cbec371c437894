import { describe, expect, it } from 'vitest';
import { validateWebhookPayload } from './openapi';
import { expectLikeExample, subscribeReceiver } from './testing/exampleShape';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';
import type { WebhookReceiver } from './testing/webhookReceiver';

let h: Harness;
let receiver: WebhookReceiver;

useEmulatorSuite({ harness: (started) => (h = started), receiver: (started) => (receiver = started) });

const user = (email: string) => h.seed.ids.users[email]!;
const incidentId = () => h.seed.ids.incidents[0]!;
const requestResponders = (targets: { id: string; type: string }[], requester = user('grace@example.com'), id = incidentId()) =>
  h.call('POST', `/incidents/${id}/responder_requests`, {
    body: {
      requester_id: requester,
      message: 'Please join the bridge',
      responder_request_targets: targets.map((target) => ({ responder_request_target: target })),
    },
  });

describe('responder requests', () => {
  it('asks a user and an escalation policy’s first level; the incident lists them', async () => {
    const res = await requestResponders([
      { id: user('alan@example.com'), type: 'user_reference' },
      { id: h.seed.ids.escalationPolicies['Engineering Escalation']!, type: 'escalation_policy_reference' },
    ]);
    expect(res.status).toBe(200);
    const request = res.body.responder_request!;
    expect(request).toMatchObject({ message: 'Please join the bridge', requester: { id: user('grace@example.com') }, incident: { id: incidentId() } });
    expect(
      request.responder_request_targets.map((t) => [t.responder_request_target.type, t.responder_request_target.incidents_responders.map((r) => r.user.id)]),
    ).toEqual([
      ['user', [user('alan@example.com')]],
      ['escalation_policy', [user('grace@example.com')]],
    ]);
    const incident = (await h.call('GET', `/incidents/${incidentId()}`)).body.incident!;
    expect(incident.incidents_responders.map((r) => [r.user.id, r.state, r.escalation_policy_requests])).toEqual([
      [user('alan@example.com'), 'pending', []],
      [user('grace@example.com'), 'pending', ['Engineering Escalation']],
    ]);
    expect(incident.responder_requests).toHaveLength(1);
  });

  it('adds a responder who accepts to the assignments; a decline leaves them out', async () => {
    await requestResponders([
      { id: user('alan@example.com'), type: 'user_reference' },
      { id: user('katherine@example.com'), type: 'user_reference' },
    ]);
    expect((await h.control('POST', '/act', { as: 'alan@example.com', incident_id: incidentId(), action: 'accept_responder' })).status).toBe(200);
    expect((await h.control('POST', '/act', { as: 'katherine@example.com', incident_id: incidentId(), action: 'decline_responder' })).status).toBe(200);
    const again = await h.control('POST', '/act', { as: 'alan@example.com', incident_id: incidentId(), action: 'accept_responder' });
    expect(again.status).toBe(400);
    const incident = (await h.call('GET', `/incidents/${incidentId()}`)).body.incident!;
    expect(incident.incidents_responders.map((r) => r.state)).toEqual(['joined', 'declined']);
    expect(incident.assignments.map((a) => a.assignee.id)).toEqual([user('grace@example.com'), user('alan@example.com')]);
  });

  it('refuses unknown incidents, requesters, users and policies, asking nobody', async () => {
    const unknownIncident = await requestResponders([{ id: user('alan@example.com'), type: 'user_reference' }], user('grace@example.com'), 'PNOPE00');
    expect(unknownIncident.status).toBe(404);
    expect(unknownIncident.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    const unknownRequester = await requestResponders([{ id: user('alan@example.com'), type: 'user_reference' }], 'PNOPE00');
    expect(unknownRequester.status).toBe(400);
    expect(unknownRequester.body.error).toMatchObject({ message: 'Requester User Not Found', code: 1008 });
    const unknownUser = await requestResponders([
      { id: user('alan@example.com'), type: 'user_reference' },
      { id: 'PNOPE00', type: 'user_reference' },
    ]);
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.error?.code).toBe(2001);
    const unknownPolicy = await requestResponders([{ id: 'PNOPE00', type: 'escalation_policy_reference' }]);
    expect(unknownPolicy.status).toBe(400);
    expect(unknownPolicy.body.error?.code).toBe(1014);
    const resolved = await requestResponders([{ id: user('alan@example.com'), type: 'user_reference' }], user('grace@example.com'), h.seed.ids.incidents[2]);
    expect(resolved.status).toBe(400);
    expect((await h.call('GET', `/incidents/${incidentId()}`)).body.incident?.incidents_responders).toEqual([]);
    h.takeViolations(); // refused requests are deliberately invalid
  });

  it('delivers incident.responder.added per responder and incident.responder.replied, shaped like PagerDuty’s example', async () => {
    await subscribeReceiver(h, receiver, ['incident.responder.added', 'incident.responder.replied']);
    await requestResponders([
      { id: user('alan@example.com'), type: 'user_reference' },
      { id: h.seed.ids.escalationPolicies['Support Escalation']!, type: 'escalation_policy_reference' },
    ]);
    await h.control('POST', '/act', { as: 'alan@example.com', incident_id: incidentId(), action: 'accept_responder' });
    await h.control('POST', '/webhooks/settle');
    const events = receiver.received.map((w) => w.body.event);
    expect(events.map((e) => [e.event_type, (e.data as { state?: string }).state])).toEqual([
      ['incident.responder.added', 'pending'],
      ['incident.responder.added', 'pending'],
      ['incident.responder.replied', 'joined'],
    ]);
    for (const w of receiver.received) {
      expect(validateWebhookPayload(w.body).errors).toEqual([]);
      expectLikeExample(w.body.event.data, 'incident_responder');
    }
    expect(events[1]!.data).toMatchObject({
      escalation_policy: { id: h.seed.ids.escalationPolicies['Support Escalation'] },
      user: { id: user('alan@example.com') },
      message: 'Please join the bridge',
    });
    expect(events[0]!.agent?.id).toBe(user('grace@example.com'));
    expect(events[2]!.agent?.id).toBe(user('alan@example.com'));
    expect(events[2]!.client).toEqual({ name: 'PagerDuty' });
  });
});
