import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncLogQuery, syncLogStatuses, type SyncLogEntry, type SyncLogQuery } from '../../../contracts/syncLog';
import { SYNC_TABLES } from '../../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../../testing/databases';
import { insertEvent, insertJob } from '../../testing/syncLogRows';
import { overallStatus, SyncLogReader } from './syncLog';
import { readRulesetCounts, readSyncFigures } from './summary';

const engines = await testEngines();
const caseUrlOf = (caseId: string) => `https://example.my.salesforce.com/lightning/r/Case/${caseId}/view`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute, 0));

const trace = [
  {
    rulesetId: 'rs1',
    rulesetName: 'Escalations',
    ruleId: 'r1',
    ruleName: 'High priority',
    matched: true,
    logic: '1',
    conditions: [{ index: 1, field: 'Priority', operator: 'equals', expected: 'High', actual: 'High', outcome: true }],
  },
  {
    rulesetId: 'rs1',
    rulesetName: 'Escalations',
    ruleId: 'r2',
    ruleName: 'Security',
    matched: false,
    logic: '1',
    conditions: [{ index: 1, field: 'Type', operator: 'equals', expected: 'Security', actual: 'Problem', outcome: false }],
  },
];

describe.each(engines)('SyncLogReader on %s', (engine) => {
  let database: TestDatabase;
  let reader: SyncLogReader;
  const ids = {} as Record<'done' | 'doneAction' | 'dead' | 'deadAction' | 'failed' | 'pending' | 'ignored' | 'orphan', number>;

  const page = (query: SyncLogQuery = {}) => reader.page(syncLogQuery.parse(query), caseUrlOf);
  const all = async (query: SyncLogQuery = {}) => (await page({ ...query, limit: 200 })).entries;
  const keys = (entries: SyncLogEntry[]) => entries.map((entry) => `${entry.type}${entry.id}`);

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    reader = new SyncLogReader(database.db);
    const db = database.db;
    // done: a Case create that matched a rule and created an incident
    ids.done = await insertEvent(db, {
      at: at(1),
      kind: 'case.create',
      caseId: '500000000000001AAA',
      caseNumber: '00001001',
      trace,
      note: '1 rule(s) matched, 1 action(s)',
    });
    await insertJob(db, { task: 'process_event', state: 'done', eventId: ids.done, at: at(1), durationMs: 12 });
    ids.doneAction = await insertJob(db, {
      task: 'create_incident',
      state: 'done',
      eventId: ids.done,
      at: at(1),
      caseId: '500000000000001AAA',
      caseNumber: '00001001',
      incidentId: 'PINC001',
      incidentNumber: '41',
      result: { incidentId: 'PINC001', url: 'https://pd.example/incidents/PINC001' },
      durationMs: 80,
    });
    await db(SYNC_TABLES.links).insert({
      case_id: '500000000000001AAA',
      case_number: '00001001',
      incident_id: 'PINC001',
      incident_number: '41',
      incident_url: 'https://acme.pagerduty.com/incidents/PINC001',
      service_id: 'PSVC',
      incident_status: 'triggered',
      created_at: at(1),
      updated_at: at(1),
    });
    // dead: an action that gave up with a PagerDuty error
    ids.dead = await insertEvent(db, { at: at(2), kind: 'case.update', caseId: '500000000000002AAA', caseNumber: '00001002', trace });
    await insertJob(db, { task: 'process_event', state: 'done', eventId: ids.dead, at: at(2) });
    ids.deadAction = await insertJob(db, {
      task: 'create_incident',
      state: 'dead',
      eventId: ids.dead,
      at: at(2),
      attempts: 1,
      lastError: 'PagerDuty 400 (code 2001): Invalid Input Provided — Service not found_100%',
      errorHint: 'Choose an existing service in the rule.',
    });
    // failed: processing waits for a retry
    ids.failed = await insertEvent(db, {
      at: at(3),
      kind: 'incident.acknowledged',
      source: 'pagerduty',
      incidentId: 'PINC001',
      incidentNumber: '41',
      status: 'received',
    });
    await insertJob(db, { task: 'process_event', state: 'failed', eventId: ids.failed, at: at(3), lastError: 'Salesforce unreachable: ECONNREFUSED' });
    // pending: received, not processed yet
    ids.pending = await insertEvent(db, { at: at(4), kind: 'case.update', caseNumber: '00001004', status: 'received' });
    await insertJob(db, { task: 'process_event', state: 'pending', eventId: ids.pending, at: at(4) });
    // ignored: an echo of our own change
    ids.ignored = await insertEvent(db, {
      at: at(5),
      kind: 'case.update',
      caseNumber: '00001005',
      status: 'ignored',
      note: 'Written by the integration user: an echo',
    });
    await insertJob(db, { task: 'process_event', state: 'done', eventId: ids.ignored, at: at(5) });
    // an action whose event was pruned
    ids.orphan = await insertJob(db, { task: 'add_note', state: 'done', at: at(6), incidentId: 'PINC001', incidentNumber: '41' });
  });
  afterEach(() => database.drop());

  it('lists events newest first, processing folded in, actions nested, with links and matched rules', async () => {
    const entries = await all();
    expect(keys(entries)).toEqual([
      `job${ids.orphan}`,
      `event${ids.ignored}`,
      `event${ids.pending}`,
      `event${ids.failed}`,
      `event${ids.dead}`,
      `event${ids.done}`,
    ]);
    const done = entries.find((entry) => entry.id === ids.done && entry.type === 'event')!;
    expect(done).toMatchObject({
      source: 'salesforce',
      kind: 'case.create',
      status: 'done',
      eventStatus: 'processed',
      caseNumber: '00001001',
      caseUrl: caseUrlOf('500000000000001AAA'),
      incidentNumber: '41',
      incidentUrl: 'https://acme.pagerduty.com/incidents/PINC001',
      matchedRules: ['Escalations › High priority'],
    });
    expect(done.processing).toMatchObject({ task: 'process_event', state: 'done', durationMs: 12 });
    expect(done.actions).toHaveLength(1);
    expect(done.actions[0]).toMatchObject({
      id: ids.doneAction,
      task: 'create_incident',
      state: 'done',
      retryable: false,
      incidentUrl: 'https://acme.pagerduty.com/incidents/PINC001',
    });
    const dead = entries.find((entry) => entry.id === ids.dead && entry.type === 'event')!;
    expect(dead.status).toBe('dead');
    expect(dead.actions[0]).toMatchObject({ id: ids.deadAction, retryable: true, errorHint: 'Choose an existing service in the rule.' });
    // A PagerDuty event learns its Case from the link.
    const failed = entries.find((entry) => entry.id === ids.failed && entry.type === 'event')!;
    expect(failed).toMatchObject({ status: 'failed', caseNumber: '00001001', caseUrl: caseUrlOf('500000000000001AAA') });
    const orphan = entries[0]!;
    expect(orphan).toMatchObject({ type: 'job', kind: 'add_note', status: 'done', source: null, incidentUrl: 'https://acme.pagerduty.com/incidents/PINC001' });
  });

  it('filters by status, exactly as the row status is computed', async () => {
    const expected = {
      done: [`job${ids.orphan}`, `event${ids.done}`],
      dead: [`event${ids.dead}`],
      failed: [`event${ids.failed}`],
      pending: [`event${ids.pending}`],
      ignored: [`event${ids.ignored}`],
      skipped: [],
    };
    for (const status of syncLogStatuses) {
      const entries = await all({ status });
      expect(keys(entries), status).toEqual(expected[status]);
      expect(entries.every((entry) => entry.status === status)).toBe(true);
    }
  });

  it('shows an action the engine skipped as Skipped with its reason, on the action and its row, and filters by it', async () => {
    const db = database.db;
    const reason = 'The incident has no linked Case';
    const skippedEvent = await insertEvent(db, {
      at: at(8),
      kind: 'incident.acknowledged',
      source: 'pagerduty',
      incidentId: 'PINC777',
      incidentNumber: '77',
      trace,
    });
    await insertJob(db, { task: 'process_event', state: 'done', eventId: skippedEvent, at: at(8) });
    const skippedAction = await insertJob(db, { task: 'set_case_fields', state: 'done', eventId: skippedEvent, at: at(8), result: { skipped: reason } });
    const orphanSkipped = await insertJob(db, { task: 'add_case_comment', state: 'done', at: at(9), result: { skipped: reason } });

    const entries = await all();
    const event = entries.find((entry) => entry.type === 'event' && entry.id === skippedEvent)!;
    expect(event.status).toBe('skipped');
    expect(event.actions[0]).toMatchObject({ id: skippedAction, state: 'done', skippedReason: reason });
    const orphan = entries.find((entry) => entry.type === 'job' && entry.id === orphanSkipped)!;
    expect(orphan).toMatchObject({ status: 'skipped', processing: { skippedReason: reason } });
    // A done action is not skipped.
    const done = entries.find((entry) => entry.type === 'event' && entry.id === ids.done)!;
    expect(done.actions[0]?.skippedReason).toBeNull();

    expect(keys(await all({ status: 'skipped' }))).toEqual([`job${orphanSkipped}`, `event${skippedEvent}`]);
    expect(keys(await all({ status: 'done' }))).toEqual([`job${ids.orphan}`, `event${ids.done}`]);
  });

  it('shows the Case and incident a row knew when it was logged, not a link made later', async () => {
    const db = database.db;
    const caseId = '500000000000009AAA';
    const before = await insertEvent(db, { at: at(10), kind: 'case.update', caseId, caseNumber: '00001009' });
    const incidentBefore = await insertEvent(db, { at: at(10), kind: 'incident.triggered', source: 'pagerduty', incidentId: 'PINC009', incidentNumber: '99' });
    const jobBefore = await insertJob(db, { task: 'add_note', state: 'done', at: at(11), caseId, result: { skipped: 'The Case has no linked incident' } });
    await db(SYNC_TABLES.links).insert({
      case_id: caseId,
      case_number: '00001009',
      incident_id: 'PINC009',
      incident_number: '99',
      incident_url: 'https://acme.pagerduty.com/incidents/PINC009',
      service_id: 'PSVC',
      incident_status: 'triggered',
      created_at: at(12),
      updated_at: at(12),
    });
    const after = await insertEvent(db, { at: at(13), kind: 'case.update', caseId, caseNumber: '00001009' });

    const entries = await all();
    const row = (type: 'event' | 'job', id: number) => entries.find((entry) => entry.type === type && entry.id === id)!;
    expect(row('event', before)).toMatchObject({ caseNumber: '00001009', incidentId: null, incidentNumber: null, incidentUrl: null });
    expect(row('job', jobBefore)).toMatchObject({ caseId, incidentId: null, incidentNumber: null, incidentUrl: null });
    // A PagerDuty event knew its incident (its page is that incident's), but not the Case linked later.
    expect(row('event', incidentBefore)).toMatchObject({
      incidentNumber: '99',
      incidentUrl: 'https://acme.pagerduty.com/incidents/PINC009',
      caseId: null,
      caseNumber: null,
      caseUrl: null,
    });
    expect(row('event', after)).toMatchObject({ incidentId: 'PINC009', incidentNumber: '99', incidentUrl: 'https://acme.pagerduty.com/incidents/PINC009' });
  });

  it('with many Cases on one incident: its event names the primary Case, each fanned-out action its own Case', async () => {
    const db = database.db;
    const shared = [1, 2, 3].map((n) => ({ caseId: `50000000000002${n}AAA`, caseNumber: `0000202${n}` }));
    for (const [index, { caseId, caseNumber }] of shared.entries()) {
      await db(SYNC_TABLES.links).insert({
        case_id: caseId,
        case_number: caseNumber,
        incident_id: 'PSHARED',
        incident_number: '77',
        incident_url: 'https://acme.pagerduty.com/incidents/PSHARED',
        service_id: 'PSVC',
        incident_status: 'acknowledged',
        // The second Case links first: the primary is the first linked, whatever its Id.
        created_at: at(20 + [1, 0, 2][index]!),
        updated_at: at(20),
      });
    }
    const ack = await insertEvent(db, { at: at(25), kind: 'incident.acknowledged', source: 'pagerduty', incidentId: 'PSHARED', incidentNumber: '77' });
    for (const { caseId, caseNumber } of shared) {
      await insertJob(db, {
        task: 'set_case_fields',
        state: 'done',
        eventId: ack,
        at: at(25),
        caseId,
        caseNumber,
        incidentId: 'PSHARED',
        incidentNumber: '77',
      });
    }

    const event = (await all()).find((entry) => entry.type === 'event' && entry.id === ack)!;
    expect(event).toMatchObject({ caseId: shared[1]!.caseId, caseNumber: shared[1]!.caseNumber, incidentUrl: 'https://acme.pagerduty.com/incidents/PSHARED' });
    expect(event.actions.map((action) => [action.caseId, action.caseNumber, action.incidentUrl])).toEqual(
      shared.map(({ caseId, caseNumber }) => [caseId, caseNumber, 'https://acme.pagerduty.com/incidents/PSHARED']),
    );
  });

  it('filters by source and by kind (event kind or action task)', async () => {
    expect(keys(await all({ source: 'pagerduty' }))).toEqual([`event${ids.failed}`]);
    expect(keys(await all({ kind: 'case.update' }))).toEqual([`event${ids.ignored}`, `event${ids.pending}`, `event${ids.dead}`]);
    expect(keys(await all({ kind: 'create_incident' }))).toEqual([`event${ids.dead}`, `event${ids.done}`]);
    expect(keys(await all({ kind: 'add_note' }))).toEqual([`job${ids.orphan}`]);
  });

  it('searches Case number, incident number, kind and error text, case-insensitively and literally', async () => {
    expect(keys(await all({ q: '00001002' }))).toEqual([`event${ids.dead}`]);
    expect(keys(await all({ q: '41' }))).toEqual([`job${ids.orphan}`, `event${ids.failed}`, `event${ids.done}`]);
    expect(keys(await all({ q: 'SERVICE NOT FOUND' }))).toEqual([`event${ids.dead}`]);
    expect(keys(await all({ q: 'econnrefused' }))).toEqual([`event${ids.failed}`]);
    expect(keys(await all({ q: 'acknowledged' }))).toEqual([`event${ids.failed}`]);
    expect(keys(await all({ q: '_100%' }))).toEqual([`event${ids.dead}`]);
    expect(keys(await all({ q: '%' }))).toEqual([`event${ids.dead}`]);
    expect(await all({ q: "'; DROP TABLE jobs; --" })).toEqual([]);
    // The text was a search term, not SQL: every row is still there.
    const count = async (table: string) => Number((await database.db(table).count({ n: '*' }).first())?.n);
    expect(await count(SYNC_TABLES.jobs)).toBe(8);
    expect(await count(SYNC_TABLES.events)).toBe(5);
  });

  it('pages with a keyset cursor: no row twice, none lost, even at equal times', async () => {
    const db = database.db;
    // Same instant for events and an orphan job: the cursor must order them stably.
    for (let i = 0; i < 4; i++) await insertEvent(db, { at: at(7), kind: 'case.update', caseNumber: `0000200${i}` });
    await insertJob(db, { task: 'set_case_fields', state: 'done', at: at(7) });
    await insertJob(db, { task: 'set_case_fields', state: 'done', at: at(7) });
    const everything = keys(await all());
    expect(everything).toHaveLength(12);
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const result = await page({ limit: 5, ...(before ? { before } : {}) });
      seen.push(...keys(result.entries));
      if (!result.nextBefore) break;
      before = result.nextBefore;
    }
    expect(seen).toEqual(everything);
  });

  it('reads one event with its trace, and one job', async () => {
    const event = await reader.event(ids.done, caseUrlOf);
    expect(event?.trace?.map((rule) => [rule.ruleName, rule.matched])).toEqual([
      ['High priority', true],
      ['Security', false],
    ]);
    expect(event?.trace?.[1]?.conditions[0]).toMatchObject({ field: 'Type', expected: 'Security', actual: 'Problem', outcome: false });
    expect(event?.entry.actions.map((action) => action.id)).toEqual([ids.doneAction]);
    expect(await reader.event(999_999, caseUrlOf)).toBeUndefined();
    expect(await reader.job(ids.deadAction, caseUrlOf)).toMatchObject({ state: 'dead', retryable: true });
  });

  it('computes SUMMARY figures and ruleset counts', async () => {
    const db = database.db;
    const now = new Date(at(10).getTime());
    // Skipped after the last action carried out: counted apart, and not the "last action".
    await insertJob(db, { task: 'add_case_comment', state: 'done', at: at(7), result: { skipped: 'The incident has no linked Case' } });
    expect(await readSyncFigures(db, now)).toEqual({
      lastInboundAt: at(5).toISOString(),
      lastActionAt: at(6).toISOString(),
      processed24h: 3,
      actionsDone24h: 2,
      actionsSkipped24h: 1,
      failures24h: 2,
      deadJobs: 1,
    });
    // A day later nothing is recent, but the dead job still waits.
    expect(await readSyncFigures(db, new Date(now.getTime() + 25 * 3600_000))).toMatchObject({
      processed24h: 0,
      actionsDone24h: 0,
      actionsSkipped24h: 0,
      failures24h: 0,
      deadJobs: 1,
    });
    expect(await readRulesetCounts(db)).toEqual({ enabled: 0, total: 0 });
    const ruleset = (id: string, enabled: boolean) => ({
      id,
      name: id,
      enabled,
      position: 0,
      schema_version: 1,
      document: '{}',
      created_at: now,
      updated_at: now,
    });
    await db(SYNC_TABLES.rulesets).insert([ruleset('a', true), ruleset('b', false), ruleset('c', true)]);
    expect(await readRulesetCounts(db)).toEqual({ enabled: 2, total: 3 });
  });

  it('has no SUMMARY figures before anything arrived', async () => {
    await database.db(SYNC_TABLES.jobs).delete();
    await database.db(SYNC_TABLES.events).delete();
    expect(await readSyncFigures(database.db)).toBeNull();
  });
});

describe('overallStatus', () => {
  it('shows the worst state first', () => {
    expect(overallStatus('processed', ['done', 'dead', 'failed'])).toBe('dead');
    expect(overallStatus('processed', ['done', 'failed'])).toBe('failed');
    expect(overallStatus('failed', ['done'])).toBe('failed');
    expect(overallStatus('received', [])).toBe('pending');
    expect(overallStatus('processed', ['done', 'running'])).toBe('pending');
    expect(overallStatus('ignored', ['done'])).toBe('ignored');
    expect(overallStatus('processed', ['done', 'done'])).toBe('done');
    expect(overallStatus('processed', ['done', 'done'], true)).toBe('skipped');
    expect(overallStatus('processed', ['done', 'failed'], true)).toBe('failed');
    expect(overallStatus('processed', ['done', 'running'], true)).toBe('pending');
  });
});
