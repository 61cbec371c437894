import { beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../rules';
import { writeObjectMapping, DEFAULT_OBJECT_MAPPING } from '../store/objectMapping';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';
import { startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import type { EventRow, JobRow } from '../testing/rows';
import { changeCase, highPriorityPagerRule, inboxCount, incidentChange, jobRows, pd, settled } from '../testing/engineScenario';

/**
 * The processor and the action executors against both emulators, with events fed the way
 * intake feeds them (so this suite does not depend on CDC or webhook delivery).
 */
let app: DemoApp;
let serviceId: string;
let agentId: string;
let integrationSfUserId: string;

beforeAll(async () => {
  app = await startDemoApp();
  const pdSeed = app.emulators.pagerduty.seedInfo();
  const sfSeed = app.emulators.salesforce.seedInfo();
  serviceId = pdSeed.ids.services['Customer Support']!;
  agentId = sfSeed.users.find((user) => user.role === 'agent')!.id;
  integrationSfUserId = sfSeed.users.find((user) => user.role === 'integration')!.id;
  await writeObjectMapping(app.ctx.db, { ...DEFAULT_OBJECT_MAPPING, incidentNumberField: null, incidentUrlField: null });
  const rulesets: Ruleset[] = [
    {
      id: 'rs-cases',
      name: 'High priority Cases page Support',
      enabled: true,
      position: 0,
      rules: [
        highPriorityPagerRule(serviceId),
        {
          id: 'r-escalated',
          name: 'Escalated → note',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Escalated' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'add_note', content: 'Case {{Case.CaseNumber}} escalated in Salesforce' }],
          stopProcessing: false,
        },
      ],
    },
    {
      id: 'rs-incidents',
      name: 'PagerDuty updates the Case',
      enabled: true,
      position: 1,
      rules: [
        {
          id: 'r-ack',
          name: 'Acknowledged → Working',
          runOn: { kind: 'incident', events: ['incident.acknowledged'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [
            { type: 'set_case_fields', values: { Status: 'Working' } },
            { type: 'add_case_comment', body: 'Acknowledged by {{incident.agent_name}}' },
          ],
          stopProcessing: false,
        },
        {
          id: 'r-resolved',
          name: 'Resolved → Closed',
          runOn: { kind: 'incident', events: ['incident.resolved'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }],
          stopProcessing: false,
        },
        {
          id: 'r-new-incident',
          name: 'New incident on Checkout → Case',
          runOn: { kind: 'incident', events: ['incident.triggered'] },
          conditions: [{ field: 'incident.service_name', operator: 'equals', value: 'Checkout API' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'create_case', values: { Subject: 'PagerDuty: {{incident.title}}', Origin: 'Web', Priority: 'High', Status: 'New' } }],
          stopProcessing: false,
        },
      ],
    },
  ];
  for (const ruleset of rulesets) await new RulesetStore(app.ctx.db).save(ruleset);
  // As the admin API does after a ruleset change: the demo's webhook subscription now also
  // carries the event types the incident rules need (incident.triggered among them).
  await app.ctx.webhooks.followRules();
  return () => app.close();
}, 60_000);

async function incidentsForCase(caseId: string) {
  const { incidents } = await pd<{ incidents: { id: string; title: string; status: string; urgency: string; service: { id: string } }[] }>(
    app,
    'GET',
    `/incidents?incident_key=${caseId}&date_range=all`,
  );
  return incidents;
}

describe('sync engine against both emulators', () => {
  it('creates one incident with the mapped title and details for a matching Case create, and links it', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Checkout page is down', Description: 'Customers see a 500.', Priority: 'High', Origin: 'Web' });
    const incidents = await incidentsForCase(created.Id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ title: 'Checkout page is down', urgency: 'high', service: { id: serviceId } });
    expect(app.emulators.pagerduty.context.store.incidents.get(incidents[0]!.id)?.details).toBe('Customers see a 500.');
    const link = await app.ctx.links.byCase(created.Id);
    expect(link).toMatchObject({ incidentId: incidents[0]!.id, caseNumber: created.CaseNumber });
  });

  it('does nothing for an update that matches no rule', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Password reset', Priority: 'Low', Origin: 'Email' });
    const before = app.emulators.pagerduty.context.requestLog.counts().total;
    await changeCase(app, 'update', { Subject: 'Password reset (again)' }, { caseId: created.Id });
    expect(await incidentsForCase(created.Id)).toHaveLength(0);
    const writes = app.emulators.pagerduty.context.requestLog.entries(50).filter((entry) => entry.method !== 'GET');
    expect(app.emulators.pagerduty.context.requestLog.counts().total - before).toBeLessThanOrEqual(2);
    expect(writes.filter((entry) => entry.path.includes(created.Id))).toHaveLength(0);
  });

  it('an update that starts matching creates the incident once; a second matching update does not duplicate it', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Slow invoices', Priority: 'Low', Origin: 'Phone' });
    await changeCase(app, 'update', { Priority: 'High' }, { caseId: created.Id });
    await changeCase(app, 'update', { Description: 'still slow' }, { caseId: created.Id });
    expect(await incidentsForCase(created.Id)).toHaveLength(1);
  });

  it('records as skipped, with the reason, a create for a Case already linked and Case actions for an incident without a Case', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Skips', Priority: 'High', Origin: 'Web' });
    const link = await app.ctx.links.byCase(created.Id);
    await changeCase(app, 'update', { Description: 'more detail' }, { caseId: created.Id });
    const creates = await jobRows(app, { case_id: created.Id, task: 'create_incident' });
    expect(creates.map((job) => job.state)).toEqual(['done', 'done']);
    expect(JSON.parse(creates[0]!.result!)).not.toHaveProperty('skipped');
    expect(JSON.parse(creates[1]!.result!)).toMatchObject({
      skipped: `The Case is already linked to incident #${link!.incidentNumber}`,
      incidentId: link!.incidentId,
    });

    const { incident } = await pd<{ incident: { id: string } }>(app, 'POST', '/incidents', {
      incident: { type: 'incident', title: 'Raised in PagerDuty only', service: { id: serviceId, type: 'service_reference' } },
    });
    await incidentChange(app, 'incident.acknowledged', incident.id, { status: 'acknowledged' });
    const actions = (await jobRows(app, { incident_id: incident.id })).filter((job) => job.task !== 'process_event');
    expect(actions.map((job) => [job.task, job.state, JSON.parse(job.result!) as unknown])).toEqual([
      ['set_case_fields', 'done', { skipped: 'The incident has no linked Case' }],
      ['add_case_comment', 'done', { skipped: 'The incident has no linked Case' }],
    ]);
  });

  it('sets Case fields and adds a comment when a responder acknowledges, and closes the Case on resolve', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Refunds failing', Priority: 'High', Origin: 'Web' });
    const [incident] = await incidentsForCase(created.Id);
    await incidentChange(app, 'incident.acknowledged', incident!.id, { status: 'acknowledged' });
    const store = app.emulators.salesforce.store;
    expect(store.find('Case', created.Id)).toMatchObject({ Status: 'Working', LastModifiedById: integrationSfUserId });
    const comments = [...store.records('CaseComment')].filter((comment) => comment.ParentId === created.Id);
    expect(comments.map((comment) => String(comment.CommentBody).trim())).toEqual([expect.stringContaining('Acknowledged by Grace Hopper')]);

    await incidentChange(app, 'incident.resolved', incident!.id, { status: 'resolved' });
    expect(store.find('Case', created.Id)).toMatchObject({ Status: 'Closed', IsClosed: true });
  });

  it('ignores the echo of its own Case write: no rules run on changes by the integration user', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Echo check', Priority: 'Low', Origin: 'Web' });
    await changeCase(app, 'update', { Priority: 'High' }, { caseId: created.Id, userId: integrationSfUserId });
    expect(await incidentsForCase(created.Id)).toHaveLength(0);
    const event = await app.ctx.db(SYNC_TABLES.events).where({ case_id: created.Id }).orderBy('id', 'desc').first<EventRow | undefined>();
    expect(event).toMatchObject({ status: 'ignored' });
  });

  it('ignores the echo of its own incident change (agent = the integration user)', async () => {
    const created = await changeCase(app, 'create', { Subject: 'Echo incident', Priority: 'High', Origin: 'Web' });
    const [incident] = await incidentsForCase(created.Id);
    await incidentChange(app, 'incident.acknowledged', incident!.id, { status: 'acknowledged' }, app.emulators.pagerduty.seedInfo().integrationUserEmail);
    expect(app.emulators.salesforce.store.find('Case', created.Id)?.Status).toBe('New');
    const event = await app.ctx.db(SYNC_TABLES.events).where({ incident_id: incident!.id, kind: 'incident.acknowledged' }).first<EventRow | undefined>();
    expect(event).toMatchObject({ status: 'ignored' });
  });

  it('creates a Case with the required fields for a new incident on the Checkout API service, once', async () => {
    const checkout = app.emulators.pagerduty.seedInfo().ids.services['Checkout API']!;
    const before = await inboxCount(app, { kind: 'incident.triggered' });
    const { incident } = await pd<{ incident: { id: string } }>(app, 'POST', '/incidents', {
      incident: { type: 'incident', title: 'Payments API latency', service: { id: checkout, type: 'service_reference' } },
    });
    await settled(app, { kind: 'incident.triggered' }, before);
    const link = await app.ctx.links.primaryOfIncident(incident.id);
    if (!link) throw new Error(`No Case is linked to incident ${incident.id}`);
    const createdCase = app.emulators.salesforce.store.find('Case', link.caseId);
    expect(createdCase).toMatchObject({ Subject: 'PagerDuty: Payments API latency', Priority: 'High', Origin: 'Web' });
    // The same webhook delivered twice (at-least-once) is stored once.
    const delivered = await app.ctx.db(SYNC_TABLES.events).where({ incident_id: incident.id, kind: 'incident.triggered' }).first<EventRow | undefined>();
    const again = await app.ctx.sync.record({
      source: 'pagerduty',
      sourceEventId: delivered!.source_event_id,
      kind: 'incident.triggered',
      incidentId: incident.id,
      payload: {},
    });
    expect(again.duplicate).toBe(true);
  });

  it('retries through injected 500s and 429s, and applies the action in the end', async () => {
    app.emulators.pagerduty.context.faults.add({ path: '^/incidents$', method: 'POST', status: 500, times: 2 });
    app.emulators.pagerduty.context.faults.add({ path: '^/incidents$', method: 'POST', status: 429, times: 1, headers: { 'ratelimit-reset': '1' } });
    const caseRecord = app.emulators.salesforce.store.insert('Case', { Subject: 'Flaky upstream', Priority: 'High', Origin: 'Web' }, agentId);
    await eventually(
      () => app.ctx.db(SYNC_TABLES.jobs).where({ case_id: caseRecord.Id, task: 'create_incident', state: 'done' }).first<JobRow | undefined>(),
      'the incident despite faults',
      60_000,
    );
    expect(await incidentsForCase(caseRecord.Id)).toHaveLength(1);
    const job = await app.ctx.db(SYNC_TABLES.jobs).where({ case_id: caseRecord.Id, task: 'create_incident' }).first<JobRow | undefined>();
    expect(job).toMatchObject({ state: 'done', attempts: 4 });
  }, 90_000);

  it('syncs a Case comment to a note and a note to a Case comment, neither echoed back', async () => {
    await writeObjectMapping(app.ctx.db, { ...DEFAULT_OBJECT_MAPPING, syncCommentsToNotes: true });
    try {
      const store = app.emulators.salesforce.store;
      const created = await changeCase(app, 'create', { Subject: 'Talkative customer', Priority: 'High', Origin: 'Web' });
      const [incident] = await incidentsForCase(created.Id);
      const poller = app.ctx.salesforceIntake.commentPoller;
      await poller.pollOnce(); // the first poll after switching sync on starts from now
      const notes = (text: string) => app.emulators.pagerduty.context.store.notesOf(incident!.id).filter((note) => note.content.includes(text));
      const comments = (text: string) =>
        [...store.records('CaseComment')].filter((comment) => comment.ParentId === created.Id && String(comment.CommentBody).includes(text));

      const beforeComments = await inboxCount(app, { kind: 'case_comment.create' });
      store.insert('CaseComment', { ParentId: created.Id, CommentBody: 'Customer called again', IsPublished: false }, agentId);
      await poller.pollOnce();
      await settled(app, { kind: 'case_comment.create' }, beforeComments);
      expect(notes('Customer called again')).toHaveLength(1);
      // The text as a person wrote it, nothing invisible added: a note ending in a URL stays clickable.
      expect(notes('Customer called again')[0]!.content).toMatch(/^[^\u200b]+ \(Salesforce comment\): Customer called again$/);

      const beforeNotes = await inboxCount(app, { incident_id: incident!.id, kind: 'incident.annotated' });
      await pd(app, 'POST', `/incidents/${incident!.id}/notes`, { note: { content: 'Rolled back the deploy' } });
      await settled(app, { incident_id: incident!.id, kind: 'incident.annotated' }, beforeNotes);
      expect(comments('Rolled back the deploy')).toHaveLength(1);
      expect(String(comments('Rolled back the deploy')[0]!.CommentBody)).toMatch(/^[^\u200b]+ \(PagerDuty note\): Rolled back the deploy$/);

      // The synced comment and note come back as echoes (a poll, a webhook): both are ignored.
      await poller.pollOnce();
      // The synced note's webhook is sent (the app stores it before answering), then both echoes are processed.
      await app.emulators.pagerduty.context.deliveries.settle();
      await waitForIdle(app.ctx);
      const echoes = await app.ctx
        .db(SYNC_TABLES.events)
        .where((query) => {
          void query.where({ kind: 'incident.annotated', incident_id: incident!.id }).orWhere({ kind: 'case_comment.create', case_id: created.Id });
        })
        .where({ status: 'ignored' })
        .pluck('kind');
      expect(echoes.sort()).toEqual(['case_comment.create', 'incident.annotated']);
      expect(notes('Rolled back the deploy')).toHaveLength(1);
      expect(comments('Customer called again')).toHaveLength(1);
    } finally {
      await writeObjectMapping(app.ctx.db, { ...DEFAULT_OBJECT_MAPPING });
    }
  });

  it('times out on a PagerDuty that does not answer, retries, and creates the incident exactly once', async () => {
    app.emulators.pagerduty.context.faults.add({ path: '^/incidents$', method: 'POST', hang: true, times: 1 });
    const caseRecord = app.emulators.salesforce.store.insert('Case', { Subject: 'Hanging upstream', Priority: 'High', Origin: 'Web' }, agentId);
    const job = await eventually(
      () => app.ctx.db(SYNC_TABLES.jobs).where({ case_id: caseRecord.Id, task: 'create_incident', state: 'done' }).first<JobRow | undefined>(),
      'the incident after a timeout',
      60_000,
    );
    expect(job.attempts).toBe(2);
    expect(await incidentsForCase(caseRecord.Id)).toHaveLength(1);
  }, 90_000);

  it('goes dead after a permanent error, with the reason and a hint, and a manual retry applies it', async () => {
    app.emulators.pagerduty.context.faults.add({ path: '^/incidents$', method: 'POST', status: 400, code: 2001, message: 'Invalid Input Provided', times: 1 });
    const created = await changeCase(app, 'create', { Subject: 'Bad service', Priority: 'High', Origin: 'Web' });
    const job = await app.ctx.db(SYNC_TABLES.jobs).where({ case_id: created.Id, task: 'create_incident' }).first<JobRow | undefined>();
    expect(job).toMatchObject({ state: 'dead' });
    expect(job!.last_error).toContain('PagerDuty 400');
    expect(job!.error_hint).toBeTruthy();
    expect(await app.ctx.sync.retry(Number(job!.id))).toBe(true);
    await waitForIdle(app.ctx);
    expect(await incidentsForCase(created.Id)).toHaveLength(1);
  });
});
