import { beforeAll, describe, expect, it } from 'vitest';
import type { StatusDashboardReply } from '../../contracts/statusDashboard';
import type { StatusUpdatesToCases } from '../../contracts/authoring';
import { DEFAULT_OBJECT_MAPPING, writeObjectMapping } from '../store/objectMapping';
import { decodeStoredPayload } from '../store/payloadCodec';
import { RulesetStore } from '../store/rulesets';
import { SYNC_TABLES } from '../store/tables';
import { signedInApi, startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';
import type { EventRow, JobRow } from '../testing/rows';
import { act, changeCase, echoesSettled, highPriorityPagerRule, incidentChange, jobRows, linkedCase } from '../testing/engineScenario';
import { STATUS_UPDATE_EVENT_KIND, STATUS_UPDATE_TO_CASE_TASK } from './statusUpdates';

/**
 * Many Cases, one incident, end to end against both emulators: three Cases share one incident
 * (the first opened it; two more joined it, as agents do from the console); what happens to the
 * incident in PagerDuty reaches each of them once, and nothing comes back.
 */
let app: DemoApp;
let integrationSfUserId: string;
const cases: { id: string; number: string }[] = [];
let incidentId: string;

beforeAll(async () => {
  app = await startDemoApp();
  const serviceId = app.emulators.pagerduty.seedInfo().ids.services['Customer Support']!;
  integrationSfUserId = app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'integration')!.id;
  // Comment sync on: a comment the engine writes on one Case would become a note if its echo were not recognised.
  await mapping('internal_comment');
  await new RulesetStore(app.ctx.db).save({
    id: 'rs-many',
    name: 'Cases follow their incident',
    enabled: true,
    position: 0,
    rules: [
      highPriorityPagerRule(serviceId),
      {
        // Fires on the engine's own Working too, if its echo were not recognised: three notes for one acknowledgement.
        id: 'r-working',
        name: 'Working → note',
        runOn: { kind: 'case', on: 'update' },
        conditions: [{ field: 'Case.Status', operator: 'changed_to', value: 'Working' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'add_note', content: 'Case {{Case.CaseNumber}} is being worked' }],
        stopProcessing: false,
      },
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
    ],
  });
  await app.ctx.webhooks.followRules();
  await app.ctx.salesforceIntake.commentPoller.pollOnce(); // the first poll starts from now

  const first = await linkedCase(app, 'Checkout fails for Acme');
  incidentId = first.incidentId;
  const firstLink = (await app.ctx.links.byCase(first.caseId))!;
  cases.push({ id: first.caseId, number: first.caseNumber });
  for (const subject of ['Checkout fails for Globex', 'Checkout fails for Initech']) {
    const reported = await changeCase(app, 'create', { Subject: subject, Priority: 'Medium', Origin: 'Web', Status: 'New' });
    const joined = await app.ctx.links.link({ ...firstLink, caseId: reported.Id, caseNumber: String(reported.CaseNumber) });
    expect(joined).toMatchObject({ caseId: reported.Id, incidentId });
    cases.push({ id: reported.Id, number: String(reported.CaseNumber) });
  }
  return () => app.close();
}, 90_000);

async function mapping(statusUpdatesToCases: StatusUpdatesToCases) {
  await writeObjectMapping(app.ctx.db, { ...DEFAULT_OBJECT_MAPPING, syncCommentsToNotes: true, statusUpdatesToCases });
}

function commentsOf(caseId: string, text: string) {
  return [...app.emulators.salesforce.store.records('CaseComment')].filter(
    (comment) => comment.ParentId === caseId && String(comment.CommentBody).includes(text),
  );
}

function notesOnIncident() {
  return app.emulators.pagerduty.context.store.notesOf(incidentId);
}

/** Brings in the comments the engine wrote (their echoes), and waits for them to be processed. */
async function commentEchoesSettled() {
  await echoesSettled(app);
  await app.ctx.salesforceIntake.commentPoller.pollOnce();
  await waitForIdle(app.ctx);
}

/** A status update published by a person in PagerDuty's web app; waits for the engine to act on it. */
async function publish(message: string, as = 'grace@example.com') {
  await act(app, STATUS_UPDATE_EVENT_KIND, incidentId, { action: 'status_update', content: message, as });
  // Read through the payload codec: SQL's LIKE cannot see into a compressed payload.
  const event = (await app.ctx.db<EventRow>(SYNC_TABLES.events).where({ incident_id: incidentId, kind: STATUS_UPDATE_EVENT_KIND }).select()).find((row) =>
    decodeStoredPayload(row.payload).includes(message),
  );
  if (!event) throw new Error(`No status update event for "${message}"`);
  return event;
}

describe('many Cases, one incident', () => {
  it('links three Cases to the incident, the first one primary', async () => {
    expect((await app.ctx.links.casesOfIncident(incidentId)).map((link) => link.caseId)).toEqual(cases.map((c) => c.id));
    expect((await app.ctx.links.primaryOfIncident(incidentId))?.caseId).toBe(cases[0]!.id);
  });

  it('acknowledged in PagerDuty: each of the three Cases is updated and commented once, and nothing echoes back', async () => {
    const notesBefore = notesOnIncident().length;
    await incidentChange(app, 'incident.acknowledged', incidentId, { status: 'acknowledged' });
    const store = app.emulators.salesforce.store;
    for (const { id } of cases) {
      expect(store.find('Case', id)).toMatchObject({ Status: 'Working', LastModifiedById: integrationSfUserId });
      expect(commentsOf(id, 'Acknowledged by Grace Hopper')).toHaveLength(1);
    }
    const ack = await app.ctx.db(SYNC_TABLES.events).where({ incident_id: incidentId, kind: 'incident.acknowledged' }).first<EventRow>();
    expect(ack.note).toBe('1 rule(s) matched, 2 action(s) for each of 3 linked Cases');
    for (const task of ['set_case_fields', 'add_case_comment']) {
      const jobs = await app.ctx.db<JobRow>(SYNC_TABLES.jobs).where({ event_id: ack.id, task }).orderBy('id');
      expect(jobs.map((job) => [job.case_id, job.state, job.result?.includes('skipped')])).toEqual(cases.map(({ id }) => [id, 'done', false]));
    }

    // The engine's writes come back: three Case changes and three comments by the integration user, all ignored.
    await commentEchoesSettled();
    for (const { id } of cases) {
      const events = await app.ctx.db<EventRow>(SYNC_TABLES.events).where({ case_id: id }).where('id', '>', ack.id).select();
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((event) => event.status === 'ignored')).toBe(true);
    }
    expect(notesOnIncident()).toHaveLength(notesBefore);
    expect(await jobRows(app, { task: 'create_incident', state: 'pending' })).toEqual([]);

    // A person's own change on the second Case is its own: it sends its note, once.
    const second = cases[1]!;
    await changeCase(app, 'update', { Status: 'Escalated' }, { caseId: second.id });
    await changeCase(app, 'update', { Status: 'Working' }, { caseId: second.id });
    expect(notesOnIncident().map((note) => note.content)).toEqual([
      ...notesOnIncident()
        .slice(0, notesBefore)
        .map((note) => note.content),
      `Case ${second.number} is being worked`,
    ]);
    expect(
      (
        await app.ctx
          .db(SYNC_TABLES.jobs)
          .whereIn(
            'case_id',
            cases.slice(1).map((c) => c.id),
          )
          .where({ task: 'create_incident' })
      ).length,
    ).toBe(0);
  });

  it('a status update becomes an internal comment on each Case, once, without a note back to PagerDuty', async () => {
    const notesBefore = notesOnIncident().length;
    const event = await publish('We are rolling back the checkout deploy');
    expect(event).toMatchObject({ status: 'processed', note: 'No rule matched; Status update → internal comment on each of 3 linked Cases' });
    for (const { id } of cases) {
      const comments = commentsOf(id, 'We are rolling back the checkout deploy');
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatchObject({ CommentBody: 'We are rolling back the checkout deploy', IsPublished: false });
    }
    await commentEchoesSettled();
    const echoes = (await app.ctx.db<EventRow>(SYNC_TABLES.events).where({ kind: 'case_comment.create' }).select()).filter((row) =>
      decodeStoredPayload(row.payload).includes('We are rolling back'),
    );
    expect(echoes.map((echo) => [echo.case_id, echo.status])).toEqual(cases.map(({ id }) => [id, 'ignored']));
    expect(notesOnIncident()).toHaveLength(notesBefore);

    // The same webhook delivered again is stored once, so adds no job.
    const again = await app.ctx.sync.record({
      source: 'pagerduty',
      sourceEventId: event.source_event_id,
      kind: STATUS_UPDATE_EVENT_KIND,
      incidentId,
      payload: {},
    });
    expect(again.duplicate).toBe(true);

    // A worker that died after writing a comment: its job is taken over, and the retry finds the comment instead of writing another.
    const [job] = await app.ctx.db<JobRow>(SYNC_TABLES.jobs).where({ event_id: event.id, task: STATUS_UPDATE_TO_CASE_TASK }).orderBy('id');
    await app.ctx
      .db(SYNC_TABLES.jobs)
      .where({ id: job!.id })
      .update({ state: 'running', locked_by: 'a worker that died', locked_at: new Date(Date.now() - 3_600_000) });
    await eventually(async () => (await app.ctx.db<JobRow>(SYNC_TABLES.jobs).where({ id: job!.id }).first())?.state === 'done', 'the job taken over');
    const retried = await app.ctx.db<JobRow>(SYNC_TABLES.jobs).where({ id: job!.id }).first();
    expect(retried?.attempts).toBe(2);
    for (const { id } of cases) expect(commentsOf(id, 'We are rolling back the checkout deploy')).toHaveLength(1);
  });

  it('a status update the integration published reaches the Cases too (it did not come from them)', async () => {
    const integrationEmail = app.emulators.pagerduty.seedInfo().integrationUserEmail;
    const event = await publish('Posted from the agents console', integrationEmail);
    expect(event.status).toBe('processed');
    expect(event.note).toMatch(/echo of our own change, rules not run; Status update → internal comment on each of 3 linked Cases/);
    for (const { id } of cases) expect(commentsOf(id, 'Posted from the agents console')).toHaveLength(1);
  });

  it('honours the setting: public comments, or none when off', async () => {
    await mapping('public_comment');
    await publish('Fix deployed, monitoring');
    for (const { id } of cases) expect(commentsOf(id, 'Fix deployed, monitoring')).toEqual([expect.objectContaining({ IsPublished: true })]);

    await mapping('off');
    const off = await publish('Internal chatter');
    expect(off.note).toContain('Status updates to Cases are off (OBJECT MAPPINGS)');
    expect(await app.ctx.db(SYNC_TABLES.jobs).where({ event_id: off.id, task: STATUS_UPDATE_TO_CASE_TASK })).toHaveLength(0);
    for (const { id } of cases) expect(commentsOf(id, 'Internal chatter')).toHaveLength(0);
    await mapping('internal_comment');
  });

  it('the Status Dashboard counts the three linked Cases and shows the latest update', async () => {
    const api = await signedInApi(app);
    const reply = await api('GET', '/api/status-dashboard');
    expect(reply.status).toBe(200);
    const listed = (reply.body as StatusDashboardReply).incidents.find((incident) => incident.id === incidentId);
    expect(listed?.linkedCases.map((linked) => linked.id)).toEqual(cases.map((c) => c.id));
    expect(listed?.latestStatusUpdate?.message).toBe('Internal chatter');
  });

  it('a person’s comment on one Case becomes one note naming that Case; the same words on another Case are its own note; no other Case is told', async () => {
    const agentId = app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'agent')!.id;
    const [first, second, third] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    const store = app.emulators.salesforce.store;
    const notesBefore = notesOnIncident().length;
    store.insert('CaseComment', { ParentId: second.id, CommentBody: 'Customer says checkout works again', IsPublished: false }, agentId);
    store.insert('CaseComment', { ParentId: third.id, CommentBody: 'Customer says checkout works again', IsPublished: false }, agentId);
    await commentEchoesSettled();
    await commentEchoesSettled(); // the notes' webhooks, then their echoes
    const notes = notesOnIncident()
      .slice(notesBefore)
      .map((note) => note.content);
    expect(notes.sort()).toEqual(
      [second, third].map(
        ({ number }) => expect.stringMatching(new RegExp(`\\(Salesforce comment on Case ${number}\\): Customer says checkout works again$`)) as unknown,
      ),
    );
    // The notes come back as echoes: no Case receives them as a comment.
    expect(commentsOf(first.id, 'Customer says checkout works again')).toHaveLength(0);
    expect(commentsOf(second.id, 'Customer says checkout works again')).toHaveLength(1);
    expect(commentsOf(third.id, 'Customer says checkout works again')).toHaveLength(1);
  });

  it('an unlinked Case no longer receives the incident’s updates; the others still do', async () => {
    const [, second, third] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    expect(await app.ctx.links.unlink(third.id)).toMatchObject({ caseId: third.id, incidentId });
    await publish('Third Case unlinked');
    expect(commentsOf(cases[0]!.id, 'Third Case unlinked')).toHaveLength(1);
    expect(commentsOf(second.id, 'Third Case unlinked')).toHaveLength(1);
    expect(commentsOf(third.id, 'Third Case unlinked')).toHaveLength(0);
  });
});
