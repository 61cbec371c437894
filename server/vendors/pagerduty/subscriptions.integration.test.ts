import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../rules';
import type { Delivery } from '../../../emulators/pagerduty';
import type { SummaryReply, WebhooksReply } from '../../../contracts/api';
import { RulesetStore } from '../../store/rulesets';
import { WEBHOOK_TABLES } from '../../store/tables';
import { eventually } from '../../testing/eventually';
import { startPagerDutyTestbed, type PagerDutyTestbed } from '../../testing/pagerDutyTestbed';
import type { Reply } from '../../testing/replies';
import { ALWAYS_FOLLOWED_EVENT_TYPES, WEBHOOK_EVENT_TYPES, webhookEventTypes, webhookScopes } from './subscriptions';

const caseRule = (serviceId: string) => ({
  id: crypto.randomUUID(),
  name: `Incident on ${serviceId}`,
  runOn: { kind: 'case' as const, on: 'both' as const },
  conditions: [],
  filterLogic: { kind: 'all' as const },
  actions: [{ type: 'create_incident' as const, serviceId }],
  stopProcessing: false,
});
const ruleset = (rules: Ruleset['rules']): Ruleset => ({ id: 'rs-1', name: 'Routing', enabled: true, position: 0, rules });

describe('webhookScopes', () => {
  it('names the services of create_incident actions, once each, sorted', () => {
    expect(webhookScopes([ruleset([caseRule('PB'), caseRule('PA'), caseRule('PB')])])).toEqual(['PA', 'PB']);
  });
  it('falls back to one account-wide subscription when no rule names a service', () => {
    expect(webhookScopes([])).toEqual([null]);
    expect(webhookScopes([ruleset([{ ...caseRule('PA'), actions: [] }])])).toEqual([null]);
  });
  it('is account-wide when an incident rule creates Cases (incidents of any service)', () => {
    const createsCases = {
      ...caseRule('PA'),
      runOn: { kind: 'incident' as const, events: ['incident.triggered' as const] },
      actions: [{ type: 'create_case' as const, values: [] }],
    };
    expect(webhookScopes([ruleset([caseRule('PA'), createsCases as unknown as Ruleset['rules'][number]])])).toEqual([null]);
  });
});

const incidentRule = (): Ruleset['rules'][number] =>
  ({
    ...caseRule('PA'),
    runOn: { kind: 'incident', events: ['incident.acknowledged'] },
    actions: [{ type: 'set_case_fields', values: { Status: 'Working' } }],
  }) as unknown as Ruleset['rules'][number];

describe('webhookEventTypes', () => {
  it('asks for status changes, notes and escalations only while no rule runs on PagerDuty events: no echo of the incidents the engine creates', () => {
    const types = webhookEventTypes([ruleset([caseRule('PA')])]);
    expect(types.sort()).toEqual([...ALWAYS_FOLLOWED_EVENT_TYPES].sort());
    expect(types).not.toContain('incident.triggered');
    expect(types).toEqual(expect.arrayContaining(['incident.acknowledged', 'incident.resolved', 'incident.annotated']));
    // The agents' console shows the escalation level and assignees: an escalation must reach it whatever the rules.
    expect(types).toContain('incident.escalated');
  });
  it('also asks for the webhooks that tell a retried status update or workflow start whether its first attempt wrote', () => {
    const writes = {
      ...caseRule('PA'),
      actions: [
        { type: 'publish_status_update' as const, message: 'Working on it' },
        { type: 'start_incident_workflow' as const, workflowId: 'PWF' },
      ],
    };
    expect(webhookEventTypes([ruleset([writes])]).sort()).toEqual(
      [...new Set([...ALWAYS_FOLLOWED_EVENT_TYPES, 'incident.status_update_published', 'incident.workflow.started'])].sort(),
    );
  });
  it('asks for every type once any ruleset, enabled or not, has a rule on PagerDuty events', () => {
    expect(webhookEventTypes([ruleset([caseRule('PA')]), { ...ruleset([incidentRule()]), id: 'rs-2', enabled: false }]).sort()).toEqual(
      [...WEBHOOK_EVENT_TYPES].sort(),
    );
  });
});

describe('webhook subscriptions: provision, state, repair', () => {
  let bed: PagerDutyTestbed;
  const services = () => bed.seed.ids.services;
  const remote = () => [...bed.pd.context.store.webhookSubscriptions.values()];
  const saveRules = (...serviceIds: string[]) => new RulesetStore(bed.app.ctx.db).save(ruleset(serviceIds.map(caseRule)));

  beforeEach(async () => {
    bed = await startPagerDutyTestbed();
  });
  afterEach(() => bed.close());

  it('starts not provisioned, on GET /api/webhooks and on SUMMARY', async () => {
    const webhooks = (await bed.api('GET', '/api/webhooks')) as Reply<WebhooksReply>;
    expect(webhooks.body).toMatchObject({
      state: 'not_provisioned',
      subscriptions: [],
      wantedServiceIds: [null],
      deliveryUrl: `${bed.app.url}/webhooks/pagerduty`,
    });
    expect(((await bed.api('GET', '/api/summary')) as Reply<SummaryReply>).body.webhook.state).toBe('not_provisioned');
  });

  it('provisions one subscription per service the rules use, keeps the secret sealed, and removes what the rules no longer need', async () => {
    await saveRules(services()['Checkout API']!, services()['Customer Support']!);
    const first = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('enabled');
    expect(first.body.subscriptions.map((sub) => [sub.scope, sub.serviceId, sub.state])).toEqual(
      [services()['Checkout API']!, services()['Customer Support']!].sort().map((id) => ['service', id, 'enabled']),
    );
    expect(
      remote()
        .map((sub) => sub.filter)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([services()['Checkout API']!, services()['Customer Support']!].sort().map((id) => ({ type: 'service_reference', id })));
    for (const sub of remote()) {
      expect(sub.url).toBe(`${bed.app.url}/webhooks/pagerduty`);
      expect([...sub.events].sort()).toEqual([...ALWAYS_FOLLOWED_EVENT_TYPES].sort());
    }
    // Secrets: never in the API, sealed in the database.
    const rows = await bed.app.ctx.db(WEBHOOK_TABLES.subscriptions).select();
    for (const sub of remote()) {
      expect(JSON.stringify(first.body)).not.toContain(sub.secrets[0]);
      expect(JSON.stringify(rows)).not.toContain(sub.secrets[0]);
    }

    // Provisioning again changes nothing.
    const again = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    expect(again.body.subscriptions.map((sub) => sub.id)).toEqual(first.body.subscriptions.map((sub) => sub.id));
    expect(remote()).toHaveLength(2);

    // The rules change: out of date until provisioned, then only the one service remains.
    await saveRules(services()['Checkout API']!);
    expect(((await bed.api('GET', '/api/webhooks')) as Reply<WebhooksReply>).body.outOfDate).toBe(true);
    const shrunk = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    expect(shrunk.body.outOfDate).toBe(false);
    expect(shrunk.body.subscriptions.map((sub) => sub.serviceId)).toEqual([services()['Checkout API']]);
    expect(remote().map((sub) => sub.filter)).toEqual([{ type: 'service_reference', id: services()['Checkout API'] }]);

    // A rule on PagerDuty events: out of date until provisioned, then every event type.
    await new RulesetStore(bed.app.ctx.db).save({ ...ruleset([incidentRule()]), id: 'rs-2', name: 'Routing back', position: 1 });
    const needsTypes = (await bed.api('GET', '/api/webhooks')) as Reply<WebhooksReply>;
    expect(needsTypes.body.outOfDate).toBe(true);
    expect(needsTypes.body.message).toMatch(/event types .*Provision again/);
    expect(((await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>).body.outOfDate).toBe(false);
    expect(remote().map((sub) => [...sub.events].sort())).toEqual(remote().map(() => [...WEBHOOK_EVENT_TYPES].sort()));
  });

  it('follows the rules by itself once provisioned: deleting the last rule on PagerDuty events through the API narrows the event types', async () => {
    await new RulesetStore(bed.app.ctx.db).save({ ...ruleset([incidentRule()]), id: 'rs-incidents' });
    (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    expect(remote().map((sub) => [...sub.events].sort())).toEqual([[...WEBHOOK_EVENT_TYPES].sort()]);
    expect((await bed.api('DELETE', '/api/rulesets/rs-incidents')).status).toBe(204);
    await eventually(() => remote()[0]!.events.length === ALWAYS_FOLLOWED_EVENT_TYPES.length, 'the subscription narrowed');
    expect([...remote()[0]!.events].sort()).toEqual([...ALWAYS_FOLLOWED_EVENT_TYPES].sort());
    expect(((await bed.api('GET', '/api/webhooks')) as Reply<WebhooksReply>).body.outOfDate).toBe(false);
  });

  it('shows a subscription PagerDuty disabled after three dropped deliveries, and Repair brings deliveries back', async () => {
    const provisioned = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    const id = provisioned.body.subscriptions[0]!.id;
    // Deliveries start failing with a 4xx (someone pointed the subscription at a wrong path): PagerDuty drops each.
    expect(
      (await bed.rest('PUT', `/webhook_subscriptions/${id}`, { webhook_subscription: { delivery_method: { url: `${bed.app.url}/webhooks/wrong-path` } } }))
        .status,
    ).toBe(200);
    for (const action of ['acknowledge', 'resolve', 'reopen']) {
      await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: bed.seed.ids.incidents[0]!, action });
      await bed.settle();
    }
    const { deliveries } = (await bed.control('GET', `/webhooks/deliveries?subscription_id=${id}`)) as { deliveries: Delivery[] };
    expect(deliveries.map((delivery) => delivery.state)).toEqual(['dropped', 'dropped', 'dropped']);
    expect(bed.pd.context.store.webhookSubscriptions.get(id)!.temporarilyDisabled).toBe(true);

    const state = (await bed.api('GET', '/api/webhooks?refresh=1')) as Reply<WebhooksReply>;
    expect(state.body.state).toBe('disabled');
    expect(state.body.subscriptions[0]).toMatchObject({ id, state: 'disabled' });
    expect(state.body.subscriptions[0]!.message).toMatch(/Repair/);
    const summary = (await bed.api('GET', '/api/summary')) as Reply<SummaryReply>;
    expect(summary.body.webhook.state).toBe('disabled');
    expect(summary.body.webhook.message).toMatch(/Repair/);

    const repaired = (await bed.api('POST', '/api/webhooks/repair')) as Reply<WebhooksReply>;
    expect(repaired.body.state).toBe('enabled');
    expect(repaired.body.subscriptions.map((sub) => [sub.id, sub.state])).toEqual([[id, 'enabled']]);
    const sub = bed.pd.context.store.webhookSubscriptions.get(id)!;
    expect(sub.temporarilyDisabled).toBe(false);
    expect(sub.url).toBe(`${bed.app.url}/webhooks/pagerduty`);

    const before = (await bed.inbox()).length;
    await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: bed.seed.ids.incidents[0]!, action: 'acknowledge' });
    await bed.settle();
    expect((await bed.inbox()).slice(before).map((row) => row.kind)).toEqual(['incident.acknowledged']);
    expect(((await bed.api('GET', '/api/summary')) as Reply<SummaryReply>).body.webhook.state).toBe('enabled');
  });

  it('re-creates a subscription deleted in PagerDuty, with a new secret that verifies', async () => {
    const provisioned = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    const oldId = provisioned.body.subscriptions[0]!.id;
    expect((await bed.rest('DELETE', `/webhook_subscriptions/${oldId}`)).status).toBe(204);
    const missing = (await bed.api('GET', '/api/webhooks?refresh=1')) as Reply<WebhooksReply>;
    expect(missing.body.subscriptions.map((sub) => sub.state)).toEqual(['missing']);
    expect(missing.body.state).toBe('disabled');

    const repaired = (await bed.api('POST', '/api/webhooks/repair')) as Reply<WebhooksReply>;
    const newId = repaired.body.subscriptions[0]!.id;
    expect(newId).not.toBe(oldId);
    expect(repaired.body.subscriptions.map((sub) => sub.state)).toEqual(['enabled']);
    await bed.control('POST', '/act', { as: 'ada@example.com', incident_id: bed.seed.ids.incidents[0]!, action: 'acknowledge' });
    await bed.settle();
    expect((await bed.inbox()).map((row) => row.kind)).toEqual(['incident.acknowledged']);
  });

  it('deletes a subscription to this app whose secret it does not hold (an earlier install)', async () => {
    const orphan = (await bed.rest('POST', '/webhook_subscriptions', {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url: `${bed.app.url}/webhooks/pagerduty` },
        events: ['incident.triggered'],
        filter: { type: 'account_reference' },
      },
    })) as Reply<{ webhook_subscription: { id: string } }>;
    const elsewhere = (await bed.rest('POST', '/webhook_subscriptions', {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url: 'https://other.example.com/hook' },
        events: ['incident.triggered'],
        filter: { type: 'account_reference' },
      },
    })) as Reply<{ webhook_subscription: { id: string } }>;
    const provisioned = (await bed.api('POST', '/api/webhooks/provision')) as Reply<WebhooksReply>;
    const ids = remote()
      .map((sub) => sub.id)
      .sort();
    expect(ids).toEqual([provisioned.body.subscriptions[0]!.id, elsewhere.body.webhook_subscription.id].sort());
    expect(ids).not.toContain(orphan.body.webhook_subscription.id);
  });

  it('answers 422 when PagerDuty is not connected, and 502 with the reason when PagerDuty refuses', async () => {
    await bed.app.ctx.connections.savePagerDuty({ apiUrl: bed.pd.url, apiKey: bed.seed.keys.readOnly, fromEmail: null, updatedAt: null });
    bed.app.ctx.sessions.reset();
    const refused = (await bed.api('POST', '/api/webhooks/provision')) as Reply<{ error: { code: string; message: string } }>;
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('upstream_failed');
    expect(refused.body.error.message).toMatch(/read-only/);
    expect(remote()).toEqual([]);
  });
});
