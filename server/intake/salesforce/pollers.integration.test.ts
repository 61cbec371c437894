/**
 * Polling intake for orgs without CDC, and CaseComment polling: real SOQL against the
 * Salesforce emulator, real SQLite, API calls counted from the emulator's request log.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SalesforceEmulator } from '../../../emulators/salesforce';
import { writeObjectMapping, DEFAULT_OBJECT_MAPPING } from '../../store/objectMapping';
import type { TestDatabase } from '../../testing/databases';
import type { CaseChangePayload, CaseCommentPayload } from '../../pipeline/events';
import { CommentPoller } from './commentPoller';
import { SalesforceIntake } from './intake';
import { INTAKE_CURSORS, readJsonCursor, type Watermark } from '../intakeState';
import { dateAfterSeed, inboxEvents, quietLogger, restAs, useIntakeSuite, type IntakeDeps } from '../../testing/intakeSuite';
import { eventually } from '../../testing/eventually';
import { CasePoller } from './poller';
import { updateSyncSettings } from '../syncSettings';

let emulator: SalesforceEmulator;
let database: TestDatabase;
let deps: IntakeDeps;
useIntakeSuite((suite) => ({ emulator, database, intake: deps } = suite));

/** Query calls (query and queryMore) the integration user made since the last reset of the log. */
async function queryCalls(): Promise<number> {
  const log = (await (await fetch(`${emulator.url}/__emulator/requests?limit=1000`)).json()) as {
    entries?: { path?: string; method?: string }[];
    latest?: { path?: string }[];
  };
  const entries = log.entries ?? log.latest ?? [];
  return entries.filter((entry) => /\/query(\/|$|\?)/.test(entry.path ?? '')).length;
}

async function clearRequestLog(): Promise<void> {
  await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
}

describe('Case polling', () => {
  it('records each changed Case once with changedFields null, one query per poll, and advances the watermark', async () => {
    // After the seed (whose newest Case is from the reset itself): only this test's changes count.
    const startDate = await dateAfterSeed(emulator);
    const poller = new CasePoller({ db: database.db, ...deps, logger: quietLogger });
    await deps.salesforce.describeCase();
    await clearRequestLog();

    const idle = await poller.pollOnce(startDate);
    expect(idle).toMatchObject({ queries: 1, rows: 0 });

    const agent = await restAs(emulator);
    const created = await agent.sobject('Case').create({ Subject: 'Polled create', Origin: 'Web' });
    const seededCaseId = emulator.seedInfo().caseIds[0]!;
    await agent.sobject('Case').update({ Id: seededCaseId, Priority: 'Low' } as never);

    const busy = await poller.pollOnce(startDate);
    expect(busy).toMatchObject({ queries: 1, rows: 2 });
    const events = await inboxEvents<CaseChangePayload>(database.db);
    expect(events.map((event) => event.caseId).sort()).toEqual([created.id, seededCaseId].sort());
    const create = events.find((event) => event.caseId === created.id)!;
    expect(create).toMatchObject({ source: 'salesforce', kind: 'case.create' });
    expect(create.payload).toMatchObject({ changeType: 'CREATE', changedFields: null, origin: 'poll', values: { Subject: 'Polled create', Id: created.id } });
    expect(create.payload.values).not.toHaveProperty('attributes');
    expect(create.sourceEventId).toBe(`poll:${created.id}:${String(create.payload.values.SystemModstamp)}`);
    const update = events.find((event) => event.caseId === seededCaseId)!;
    expect(update).toMatchObject({ kind: 'case.update', payload: { changeType: 'UPDATE', values: { Priority: 'Low' } } });
    expect(update.caseNumber).toMatch(/^\d{8}$/);

    // Nothing changed since: one query, nothing new (the overlap window re-reads, the inbox drops).
    expect(await poller.pollOnce(startDate)).toMatchObject({ queries: 1 });
    expect(await inboxEvents(database.db)).toHaveLength(2);
    expect(await queryCalls()).toBe(3);
    const watermark = await readJsonCursor<Watermark>(database.db, INTAKE_CURSORS.casePoll);
    expect([created.id, seededCaseId]).toContain(watermark!.id);
  });

  it('pages 200 Cases per query in SystemModstamp, Id order when many changed', async () => {
    const startDate = await dateAfterSeed(emulator);
    const agent = await restAs(emulator);
    const batch = Array.from({ length: 230 }, (_, index) => ({ Subject: `Bulk ${index}`, Origin: 'Web' }));
    await agent.sobject('Case').create(batch.slice(0, 200), { allOrNone: true });
    await agent.sobject('Case').create(batch.slice(200), { allOrNone: true });
    const poller = new CasePoller({ db: database.db, ...deps, logger: quietLogger, overlapMs: 0 });
    expect(await poller.pollOnce(startDate)).toMatchObject({ queries: 2, rows: 230 });
    expect(new Set((await inboxEvents(database.db)).map((event) => event.caseId)).size).toBe(230);
  });

  it('runs in poll mode without a CDC subscription when the settings say so', async () => {
    await updateSyncSettings(database.db, { intakeMode: 'poll', startDate: new Date(Date.now() - 60_000).toISOString() });
    const agent = await restAs(emulator);
    const created = await agent.sobject('Case').create({ Subject: 'Seen by the poll-mode leader', Origin: 'Phone' });
    const intake = new SalesforceIntake({ db: database.db, ...deps, logger: quietLogger, leaseTtlMs: 2_000, leaseRenewMs: 200 });
    try {
      intake.start();
      await eventually(async () => (await inboxEvents(database.db, { caseId: created.id! })).length === 1, 'the first poll');
      expect(intake.cdc).toBeUndefined();
      expect((await intake.status()).lastCasePollAt).not.toBeNull();
    } finally {
      await intake.stop();
    }
  });
});

describe('CaseComment polling', () => {
  it('starts at the moment comment sync is on, records new comments with their author, forgets the watermark when off', async () => {
    await writeObjectMapping(database.db, { ...DEFAULT_OBJECT_MAPPING, syncCommentsToNotes: true });
    const poller = new CommentPoller({ db: database.db, ...deps, logger: quietLogger });
    expect(await poller.pollOnce()).toEqual({ queries: 0, rows: 0 });
    const watermark = await readJsonCursor<Watermark>(database.db, INTAKE_CURSORS.commentPoll);
    expect(watermark?.id).toBe('');
    expect(Number.isNaN(Date.parse(watermark?.ts ?? ''))).toBe(false);

    const agent = await restAs(emulator);
    const caseId = emulator.seedInfo().caseIds[1]!;
    const comment = await agent.sobject('CaseComment').create({ ParentId: caseId, CommentBody: 'Customer called back', IsPublished: true });
    await poller.pollOnce();
    await poller.pollOnce();

    const events = await inboxEvents<CaseCommentPayload>(database.db, { kind: 'case_comment.create' });
    // Only the new comment: the seeded history (days old) is not imported.
    expect(events).toHaveLength(1);
    const agentUser = emulator.seedInfo().users.find((user) => user.key === 'agent1')!;
    expect(events[0]).toMatchObject({ source: 'salesforce', sourceEventId: `comment:${comment.id}`, caseId });
    expect(events[0]!.payload).toMatchObject({ commentId: comment.id, caseId, body: 'Customer called back', isPublished: true, createdById: agentUser.id });
    expect(events[0]!.payload.createdByName).toBeTruthy();

    await poller.disable();
    expect(await readJsonCursor(database.db, INTAKE_CURSORS.commentPoll)).toBeUndefined();
  });

  it('is polled by the leader only while the object mapping syncs comments', async () => {
    const intake = new SalesforceIntake({ db: database.db, ...deps, logger: quietLogger, leaseTtlMs: 2_000, leaseRenewMs: 200 });
    try {
      await updateSyncSettings(database.db, { intakeMode: 'poll' });
      intake.start();
      const disabled = vi.spyOn(intake.commentPoller, 'disable');
      const polled = vi.spyOn(intake.commentPoller, 'pollOnce');
      await eventually(() => intake.leader.isLeader, 'the lease');
      // The leader's comment round ran, found comment sync off, and did not poll.
      await eventually(() => disabled.mock.calls.length > 0, "the leader's first comment round");
      expect(polled).not.toHaveBeenCalled();
      expect(await readJsonCursor(database.db, INTAKE_CURSORS.commentPoll)).toBeUndefined();
    } finally {
      await intake.stop();
    }
  });
});
