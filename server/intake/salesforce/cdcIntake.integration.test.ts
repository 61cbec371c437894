/**
 * CDC intake end to end: Case writes through the Salesforce emulator's REST API reach the inbox
 * through a real jsforce streaming subscription, the replayId cursor resumes a restarted intake
 * exactly after the last stored event, and an aged-out replayId falls back to -2 plus a catch-up poll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceEmulator } from '../../../emulators/salesforce';
import type { TestDatabase } from '../../testing/databases';
import type { CaseChangePayload } from '../../pipeline/events';
import { SalesforceIntake } from './intake';
import { INTAKE_CURSORS, readIntakeNotices, readJsonCursor, writeJsonCursor, type CdcPosition } from '../intakeState';
import { intakeDepsFor, inboxEvents, quietLogger, restAs, useEmulatorAndDatabase } from '../../testing/intakeSuite';
import { eventually } from '../../testing/eventually';
import { updateSyncSettings } from '../syncSettings';

let emulator: SalesforceEmulator;
let database: TestDatabase;
const intakes: SalesforceIntake[] = [];

useEmulatorAndDatabase((suite) => ({ emulator, database } = suite));
afterEach(async () => {
  for (const intake of intakes.splice(0)) await intake.stop();
});

async function startIntake(): Promise<SalesforceIntake> {
  const intake = new SalesforceIntake({
    db: database.db,
    ...(await intakeDepsFor(database.db, emulator)),
    logger: quietLogger,
    leaseTtlMs: 2_000,
    leaseRenewMs: 200,
  });
  intakes.push(intake);
  intake.start();
  await eventually(() => intake.cdc?.subscribed === true, 'the CDC subscription');
  return intake;
}

async function stopIntake(intake: SalesforceIntake): Promise<void> {
  intakes.splice(intakes.indexOf(intake), 1);
  await intake.stop();
}

describe('CDC intake', () => {
  it('records a Case create and update with the CDC payload, then saves the replayId', async () => {
    await updateSyncSettings(database.db, { startDate: '2000-01-01T00:00:00Z' });
    await startIntake();
    const agent = await restAs(emulator);
    const created = await agent.sobject('Case').create({ Subject: 'Printer on fire', Origin: 'Web', Description: 'Smoke' });
    await agent.sobject('Case').update({ Id: created.id!, Status: 'Working', Description: null } as never);
    await eventually(async () => (await inboxEvents(database.db, { caseId: created.id! })).length === 2, 'two inbox events');

    const [create, update] = await inboxEvents<CaseChangePayload>(database.db, { caseId: created.id! });
    const agentId = emulator.seedInfo().users.find((user) => user.key === 'agent1')!.id;
    expect(create).toMatchObject({ source: 'salesforce', kind: 'case.create', caseId: created.id });
    expect(create!.caseNumber).toMatch(/^\d{8}$/);
    expect(create!.payload).toMatchObject({ changeType: 'CREATE', caseId: created.id, origin: 'cdc', commitUser: agentId, nulledFields: [] });
    expect(create!.payload.values).toMatchObject({ Subject: 'Printer on fire', Origin: 'Web', Status: 'New', Description: 'Smoke' });
    expect(create!.payload.values).not.toHaveProperty('ChangeEventHeader');
    expect(create!.payload.changedFields).toEqual(expect.arrayContaining(['Subject', 'Origin', 'Status', 'Description']));
    expect(create!.sourceEventId).toMatch(new RegExp(`^cdc:\\d+:${created.id}$`));

    expect(update).toMatchObject({ kind: 'case.update', caseNumber: null });
    expect(update!.payload).toMatchObject({ changeType: 'UPDATE', nulledFields: ['Description'], values: { Status: 'Working', Description: null } });
    expect(update!.payload.changedFields).toEqual(expect.arrayContaining(['Status', 'Description']));
    expect(update!.payload.changedFields).not.toContain('Subject');
    expect(update!.payload.values).not.toHaveProperty('Subject');

    const cursor = await readJsonCursor<CdcPosition>(database.db, INTAKE_CURSORS.cdc);
    expect(update!.sourceEventId).toBe(`cdc:${cursor!.replayId}:${created.id}`);
    expect(cursor!.commitTimestamp).toBe(update!.payload.commitTimestamp);
  });

  it('resumes after a restart from the stored replayId: the changes made while stopped, once each, nothing earlier again', async () => {
    const first = await startIntake();
    const agent = await restAs(emulator);
    const created = await agent.sobject('Case').create({ Subject: 'Restart test', Origin: 'Phone' });
    await eventually(async () => (await inboxEvents(database.db, { caseId: created.id! })).length === 1, 'the create event');
    await stopIntake(first);

    await agent.sobject('Case').update({ Id: created.id!, Priority: 'High' } as never);
    await agent.sobject('Case').update({ Id: created.id!, Status: 'Escalated' } as never);
    const before = (await inboxEvents(database.db)).length;

    const second = await startIntake();
    await eventually(async () => (await inboxEvents(database.db, { caseId: created.id! })).length === 3, 'the two updates made while stopped');
    await agent.sobject('Case').update({ Id: created.id!, Subject: 'Restart test (live)' } as never);
    // Change events arrive in replayId order: once the live update is in, anything replayed before it is too.
    await eventually(
      async () =>
        (await inboxEvents<CaseChangePayload>(database.db, { caseId: created.id! })).some((event) => event.payload.values.Subject === 'Restart test (live)'),
      'a live update after the restart',
    );

    const events = await inboxEvents<CaseChangePayload>(database.db, { caseId: created.id! });
    expect(events.map((event) => event.payload.changeType)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(events.map((event) => Object.keys(event.payload.values).filter((field) => ['Priority', 'Status', 'Subject'].includes(field)))).toEqual([
      expect.arrayContaining(['Priority', 'Status', 'Subject']),
      ['Priority'],
      ['Status'],
      ['Subject'],
    ]);
    expect((await inboxEvents(database.db)).length).toBe(before + 3);
    expect(second.cdc?.subscribed).toBe(true);
  });

  it('falls back to -2 when the stored replayId is invalid, says so, and polls the gap', async () => {
    const agent = await restAs(emulator);
    const gapStart = Date.now() - 60_000;
    const changedInGap = await agent.sobject('Case').create({ Subject: 'Changed during the gap', Origin: 'Email' });
    await writeJsonCursor(database.db, INTAKE_CURSORS.cdc, { replayId: 987_654_321, commitTimestamp: gapStart } satisfies CdcPosition);
    await updateSyncSettings(database.db, { startDate: '2000-01-01T00:00:00Z' });

    await startIntake();
    await eventually(async () => (await inboxEvents(database.db, { caseId: changedInGap.id! })).length === 2, 'the polled and the replayed event');
    const events = await inboxEvents<CaseChangePayload>(database.db, { caseId: changedInGap.id! });
    // The catch-up poll and the replay of every retained event both cover the Case.
    expect(events.map((event) => event.payload.origin).sort()).toEqual(['cdc', 'poll']);
    expect(events.find((event) => event.payload.origin === 'poll')!.payload.changedFields).toBeNull();
    const notices = await readIntakeNotices(database.db);
    expect(notices[0]).toMatchObject({ code: 'replay_gap' });
    expect(notices[0]!.message).toContain('987654321');

    const live = await agent.sobject('Case').create({ Subject: 'After the fallback', Origin: 'Web' });
    await eventually(async () => (await inboxEvents(database.db, { caseId: live.id! })).length === 1, 'a live event after the fallback');
  });
});
