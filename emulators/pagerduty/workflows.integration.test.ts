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

const workflowId = (name: string) => h.seed.ids.incidentWorkflows[name]!;
const incidentId = () => h.seed.ids.incidents[0]!;
const start = (workflow: string, incident = incidentId()) =>
  h.call('POST', `/incident_workflows/${workflow}/instances`, {
    from: FROM,
    body: { incident_workflow_instance: { incident: { id: incident, type: 'incident_reference' } } },
  });

describe('incident workflows', () => {
  it('lists the seeded workflows (steps under include[]=steps, a name query) and gets one with its steps', async () => {
    const list = await h.call('GET', '/incident_workflows');
    expect(list.status).toBe(200);
    expect(list.body.incident_workflows?.map((w) => w.name)).toEqual(['Major incident: open Slack channel', 'Notify stakeholders']);
    expect(list.body.incident_workflows?.[0]).not.toHaveProperty('steps');
    const withSteps = await h.call('GET', '/incident_workflows?include[]=steps&query=notify');
    expect(withSteps.body.incident_workflows?.map((w) => [w.name, w.steps?.map((s) => s.name)])).toEqual([['Notify stakeholders', ['Send status update']]]);
    const one = await h.call('GET', `/incident_workflows/${workflowId('Major incident: open Slack channel')}`);
    expect(one.status).toBe(200);
    expect(one.body.incident_workflow).toMatchObject({ type: 'incident_workflow', is_enabled: true, team: { id: h.seed.ids.teams.Engineering } });
    expect(one.body.incident_workflow?.steps).toHaveLength(2);
  });

  it('starts an instance on an incident: incident.workflow.started then completed, shaped like PagerDuty’s example', async () => {
    await subscribeReceiver(h, receiver, ['incident.workflow.started', 'incident.workflow.completed']);
    const res = await start(workflowId('Notify stakeholders'));
    expect(res.status).toBe(201);
    expect(res.body.incident_workflow_instance).toMatchObject({ type: 'incident_workflow_instance', incident: { id: incidentId() } });
    await h.control('POST', '/act', {
      as: 'ada@example.com',
      incident_id: h.seed.ids.incidents[1],
      action: 'start_workflow',
      workflow_id: workflowId('Major incident: open Slack channel'),
    });
    await h.control('POST', '/webhooks/settle');
    const events = receiver.received.map((w) => w.body.event);
    // In order per incident (deliveries of different incidents may interleave).
    for (const incident of [incidentId(), h.seed.ids.incidents[1]]) {
      const ofIncident = events.filter((e) => (e.data as { incident?: { id: string } }).incident?.id === incident);
      expect(ofIncident.map((e) => e.event_type)).toEqual(['incident.workflow.started', 'incident.workflow.completed']);
    }
    for (const w of receiver.received) {
      expect(validateWebhookPayload(w.body).errors).toEqual([]);
      expectLikeExample(w.body.event.data, 'incident_workflow_instance');
    }
    const first = events.find((e) => (e.data as { incident?: { id: string } }).incident?.id === incidentId())!;
    const second = events.find((e) => (e.data as { incident?: { id: string } }).incident?.id === h.seed.ids.incidents[1])!;
    expect(first.data).toMatchObject({
      id: res.body.incident_workflow_instance!.id,
      incident_workflow: { id: workflowId('Notify stakeholders'), type: 'incident_workflow_reference' },
      incident: { id: incidentId() },
      service: { id: h.seed.ids.services['Checkout API'] },
    });
    expect(first.agent?.id).toBe(h.seed.ids.users[FROM]);
    expect(second.agent?.id).toBe(h.seed.ids.users['ada@example.com']);
  });

  it('answers unknown workflows and incidents, resolved incidents and retired response plays with PagerDuty’s errors', async () => {
    const unknownWorkflow = await start('PNOPE00');
    expect(unknownWorkflow.status).toBe(404);
    expect(unknownWorkflow.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    expect((await h.call('GET', '/incident_workflows/PNOPE00')).status).toBe(404);
    const unknownIncident = await start(workflowId('Notify stakeholders'), 'PNOPE00');
    expect(unknownIncident.status).toBe(400);
    expect(unknownIncident.body.error?.code).toBe(2001);
    const resolved = await start(workflowId('Notify stakeholders'), h.seed.ids.incidents[2]);
    expect(resolved.status).toBe(400);
    // Response plays are retired: the document no longer lists them, so the account has none.
    const play = await h.call('POST', '/response_plays/PPLAY01/run', { from: FROM, body: { incident: { id: incidentId(), type: 'incident_reference' } } });
    expect(play.status).toBe(404);
    expect(play.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    h.takeViolations(); // refused requests (and the retired path) are deliberately outside the document
  });
});
