import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { insertEvent, insertJob } from '../testing/syncLogRows';
import { openDatabase, type Db } from './db';
import { readLease, tryAcquireLease } from './leases';
import { runRetentionPass } from './retention';
import { RETENTION_LEASE, RetentionSchedule } from './retentionSchedule';
import { AUTO_VACUUM_INCREMENTAL, pragmaNumber } from './sqliteSpace';
import { FIELD_MAPPING_TABLES, OWN_WRITES_TABLE, SYNC_RUN_TABLE, SYNC_TABLES, WEBHOOK_TABLES } from './tables';

/**
 * The retention pass on a real store of each engine: what is older than RETENTION_DAYS and
 * finished goes, in batches; what an unfinished or dead job, or an open incident, still needs
 * stays; one instance at a time; and SQLite's file shrinks.
 */
const DAY = 86_400_000;
const now = new Date();
const old = new Date(now.getTime() - 40 * DAY);
const recent = new Date(now.getTime() - 1 * DAY);
const logger = pino({ level: 'silent' });

const engines = await testEngines();

async function ids(db: Db, table: string, column = 'id'): Promise<string[]> {
  const rows = (await db(table).select(column).orderBy(column)) as Record<string, unknown>[];
  return rows.map((row) => String(row[column]));
}

async function insertLink(db: Db, caseId: string, incidentId: string, status: string | null, updatedAt: Date): Promise<void> {
  await db(SYNC_TABLES.links).insert({ case_id: caseId, incident_id: incidentId, incident_status: status, created_at: updatedAt, updated_at: updatedAt });
}

async function insertSnapshot(db: Db, type: 'case' | 'incident', id: string, updatedAt: Date): Promise<void> {
  await db(SYNC_TABLES.snapshots).insert({ entity_type: type, entity_id: id, fields: '{}', updated_at: updatedAt });
}

describe.each(engines)('retention pass on %s', (engine) => {
  let store: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    store = await createTestDatabase(engine);
    db = store.db;
  });
  afterAll(async () => {
    await store.drop();
  });
  beforeEach(async () => {
    for (const table of [
      SYNC_TABLES.jobs,
      SYNC_TABLES.events,
      SYNC_TABLES.links,
      SYNC_TABLES.snapshots,
      SYNC_TABLES.leases,
      FIELD_MAPPING_TABLES.syncedValues,
      OWN_WRITES_TABLE,
      WEBHOOK_TABLES.deliveries,
      SYNC_RUN_TABLE,
    ])
      await db(table).del();
  });

  it('deletes finished events with their jobs, and done jobs without an event, older than the period', async () => {
    const oldDone = await insertEvent(db, { at: old, status: 'processed' });
    await insertJob(db, { task: 'process_event', state: 'done', eventId: oldDone, at: old });
    await insertJob(db, { task: 'create_incident', state: 'done', eventId: oldDone, at: old });
    const oldIgnored = await insertEvent(db, { at: old, status: 'ignored' });
    const recentDone = await insertEvent(db, { at: recent, status: 'processed' });
    const recentJob = await insertJob(db, { task: 'process_event', state: 'done', eventId: recentDone, at: recent });
    const oldOrphan = await insertJob(db, { task: 'update_case', state: 'done', at: old });
    const recentOrphan = await insertJob(db, { task: 'update_case', state: 'done', at: recent });

    const report = await runRetentionPass(db, { retentionDays: 30, now });

    expect(await ids(db, SYNC_TABLES.events)).toEqual([String(recentDone)]);
    expect(await ids(db, SYNC_TABLES.jobs)).toEqual([recentJob, recentOrphan].map(String));
    expect(report.deleted.inbox_events).toBe(2);
    expect(report.deleted.jobs).toBe(3);
    expect(report.complete).toBe(true);
    expect([oldDone, oldIgnored, oldOrphan]).toHaveLength(3);
  });

  it('never deletes an unfinished event, an unfinished or dead job, nor the event and done jobs beside them', async () => {
    const received = await insertEvent(db, { at: old, status: 'received' });
    const failedEvent = await insertEvent(db, { at: old, status: 'failed' });
    const kept: number[] = [];
    for (const state of ['pending', 'running', 'failed', 'dead'] as const) {
      const event = await insertEvent(db, { at: old, status: 'processed' });
      kept.push(await insertJob(db, { task: 'process_event', state: 'done', eventId: event, at: old }));
      kept.push(await insertJob(db, { task: 'create_incident', state, eventId: event, at: old }));
    }
    const deadOrphan = await insertJob(db, { task: 'update_case', state: 'dead', at: old });
    const failedOrphan = await insertJob(db, { task: 'update_case', state: 'failed', at: old });
    const eventsBefore = await ids(db, SYNC_TABLES.events);

    const report = await runRetentionPass(db, { retentionDays: 30, now });

    expect(report.deleted.inbox_events).toBe(0);
    expect(report.deleted.jobs).toBe(0);
    expect(await ids(db, SYNC_TABLES.events)).toEqual(eventsBefore);
    expect(eventsBefore).toEqual(expect.arrayContaining([String(received), String(failedEvent)]));
    expect(await ids(db, SYNC_TABLES.jobs)).toEqual([...kept, deadOrphan, failedOrphan].map(String));
  });

  it('keeps the links and snapshots of open incidents; deletes those of incidents resolved before the period', async () => {
    await insertLink(db, 'CASE_RESOLVED_OLD', 'PRESOLVEDOLD', 'resolved', old);
    await insertLink(db, 'CASE_RESOLVED_NEW', 'PRESOLVEDNEW', 'resolved', recent);
    await insertLink(db, 'CASE_TRIGGERED', 'PTRIGGERED', 'triggered', old);
    await insertLink(db, 'CASE_ACKED', 'PACKED', 'acknowledged', old);
    await insertLink(db, 'CASE_UNKNOWN', 'PUNKNOWN', null, old);
    for (const [caseId, incidentId] of [
      ['CASE_RESOLVED_OLD', 'PRESOLVEDOLD'],
      ['CASE_RESOLVED_NEW', 'PRESOLVEDNEW'],
      ['CASE_TRIGGERED', 'PTRIGGERED'],
      ['CASE_ACKED', 'PACKED'],
      ['CASE_UNKNOWN', 'PUNKNOWN'],
    ] as const) {
      await insertSnapshot(db, 'case', caseId, old);
      await insertSnapshot(db, 'incident', incidentId, old);
      await db(FIELD_MAPPING_TABLES.syncedValues).insert({ incident_id: incidentId, pagerduty_field_id: 'F1', value: '"x"', updated_at: old });
    }
    await insertSnapshot(db, 'case', 'CASE_NEVER_LINKED_OLD', old);
    await insertSnapshot(db, 'case', 'CASE_NEVER_LINKED_NEW', recent);

    const report = await runRetentionPass(db, { retentionDays: 30, now });

    expect(await ids(db, SYNC_TABLES.links, 'case_id')).toEqual(['CASE_ACKED', 'CASE_RESOLVED_NEW', 'CASE_TRIGGERED', 'CASE_UNKNOWN']);
    const snapshots: { entity_type: string; entity_id: string }[] = await db(SYNC_TABLES.snapshots).select('entity_type', 'entity_id');
    expect(snapshots.map((row) => `${row.entity_type}:${row.entity_id}`).sort()).toEqual(
      [
        'case:CASE_ACKED',
        'case:CASE_NEVER_LINKED_NEW',
        'case:CASE_RESOLVED_NEW',
        'case:CASE_TRIGGERED',
        'case:CASE_UNKNOWN',
        'incident:PACKED',
        'incident:PRESOLVEDNEW',
        'incident:PTRIGGERED',
        'incident:PUNKNOWN',
      ].sort(),
    );
    expect(await ids(db, FIELD_MAPPING_TABLES.syncedValues, 'incident_id')).toEqual(['PACKED', 'PRESOLVEDNEW', 'PTRIGGERED', 'PUNKNOWN']);
    expect(report.deleted.case_incident_links).toBe(1);
    expect(report.deleted.snapshots).toBe(3);
  });

  it('prunes own writes, webhook deliveries and finished sync runs by age, keeping the newest successful run', async () => {
    for (const [digest, at] of [
      ['a', old],
      ['b', recent],
    ] as const)
      await db(OWN_WRITES_TABLE).insert({ kind: 'incident_note', target_id: 'P1', text_digest: digest, created_at: at });
    for (const [id, at] of [
      ['w-old', old],
      ['w-new', recent],
    ] as const)
      await db(WEBHOOK_TABLES.deliveries).insert({ webhook_id: id, event_id: id, received_at: at });
    const run = (id: string, state: string, startedAt: Date) => ({
      id,
      mode: 'incremental',
      state,
      holder: 'h',
      started_at: startedAt,
      heartbeat_at: startedAt,
    });
    await db(SYNC_RUN_TABLE).insert([
      run('run-old-succeeded', 'succeeded', new Date(old.getTime() - DAY)),
      run('run-old-newest-succeeded', 'succeeded', old),
      run('run-old-failed', 'failed', old),
      run('run-old-running', 'running', old),
      run('run-new-failed', 'failed', recent),
    ]);

    await runRetentionPass(db, { retentionDays: 30, now });

    expect(await ids(db, OWN_WRITES_TABLE, 'text_digest')).toEqual(['b']);
    expect(await ids(db, WEBHOOK_TABLES.deliveries, 'webhook_id')).toEqual(['w-new']);
    expect(await ids(db, SYNC_RUN_TABLE)).toEqual(['run-new-failed', 'run-old-newest-succeeded', 'run-old-running']);
  });

  it('deletes in batches of the given size, and a stopped pass leaves whole batches that the next pass finishes', async () => {
    for (let index = 0; index < 7; index++) {
      const event = await insertEvent(db, { at: new Date(old.getTime() + index), status: 'processed' });
      await insertJob(db, { task: 'process_event', state: 'done', eventId: event, at: old });
    }
    let allowed = 2;
    const stopped = await runRetentionPass(db, { retentionDays: 30, now, batchSize: 3, proceed: () => Promise.resolve(allowed-- > 0) });
    expect(stopped.complete).toBe(false);
    // Two batches of three events, each with its job: whole events, never one without its job.
    expect(stopped.deleted.inbox_events).toBe(6);
    expect(stopped.deleted.jobs).toBe(6);
    expect(await db(SYNC_TABLES.jobs).count({ n: '*' }).first()).toEqual({ n: engine === 'postgres' ? '1' : 1 });

    const finished = await runRetentionPass(db, { retentionDays: 30, now, batchSize: 3 });
    expect(finished.complete).toBe(true);
    expect(finished.deleted.inbox_events).toBe(1);
    expect(await ids(db, SYNC_TABLES.events)).toEqual([]);
  });

  it('runs on one instance at a time: the lease holder runs, the others skip, and the lease is released after', async () => {
    for (let index = 0; index < 20; index++) await insertEvent(db, { at: old, status: 'processed' });
    const schedules = ['instance-a', 'instance-b', 'instance-c'].map(
      (instanceId) => new RetentionSchedule({ db, logger, retentionDays: 30, batchSize: 2, instanceId }),
    );
    const reports = await Promise.all(schedules.map((schedule) => schedule.run(now)));
    expect(reports.filter((report) => report !== undefined)).toHaveLength(1);
    expect(reports.find((report) => report !== undefined)?.deleted.inbox_events).toBe(20);
    expect((await readLease(db, RETENTION_LEASE))?.expiresAt.getTime()).toBeLessThan(Date.now());

    // While another instance holds the lease, a pass deletes nothing.
    await insertEvent(db, { at: old, status: 'processed' });
    expect(await tryAcquireLease(db, RETENTION_LEASE, 'instance-z', 60_000)).toBe(true);
    expect(await schedules[0]?.run(now)).toBeUndefined();
    expect(await ids(db, SYNC_TABLES.events)).toHaveLength(1);
  });

  it('stops after its current batch when another instance takes the lease over', async () => {
    for (let index = 0; index < 10; index++) await insertEvent(db, { at: new Date(old.getTime() + index), status: 'processed' });
    // Instance-b takes the lease over (it expired) as soon as instance-a's first batch has committed.
    let taken = false;
    const takeOverAfterFirstBatch = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<Db['transaction']>) => {
          const result: unknown = await target.transaction(...args);
          if (!taken) {
            taken = true;
            await target(SYNC_TABLES.leases)
              .where({ name: RETENTION_LEASE })
              .update({ expires_at: new Date(0) });
            await tryAcquireLease(target, RETENTION_LEASE, 'instance-b', 60_000);
          }
          return result;
        };
      },
    });
    const schedule = new RetentionSchedule({ db: takeOverAfterFirstBatch, logger, retentionDays: 30, batchSize: 2, instanceId: 'instance-a' });
    const reports: boolean[] = [];
    schedule.onPass((report) => reports.push(report.complete));
    const report = await schedule.run(now);
    expect(report?.complete).toBe(false);
    expect(report?.deleted.inbox_events).toBe(2);
    expect(await ids(db, SYNC_TABLES.events)).toHaveLength(8);
    expect(reports).toEqual([false]);
    expect((await readLease(db, RETENTION_LEASE))?.holder).toBe('instance-b');
  });
});

describe('retention on SQLite gives the space back', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-retention-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The file's size once the WAL is checkpointed in full. The store's own checkpoint thread may be
   * running a passive checkpoint at that moment, and a second checkpoint then answers busy without
   * copying anything: wait for one that completes (busy 0) rather than measure a half-done file.
   */
  async function fileBytes(db: Db, filename: string): Promise<number> {
    await vi.waitFor(
      async () => {
        const [result] = await db.raw<{ busy: number }[]>('PRAGMA wal_checkpoint(TRUNCATE)');
        expect(result?.busy).toBe(0);
      },
      { timeout: 30_000, interval: 50 },
    );
    return fs.statSync(filename).size;
  }

  it('a new store shrinks after a pass deletes most of its rows', async () => {
    const filename = path.join(dir, 'new.db');
    const db = await openDatabase({ client: 'sqlite', filename });
    try {
      expect(await pragmaNumber(db, 'auto_vacuum')).toBe(AUTO_VACUUM_INCREMENTAL);
      const payload = { text: 'x'.repeat(4_000) };
      for (let index = 0; index < 2_000; index++) await insertEvent(db, { at: index < 1_800 ? old : recent, status: 'processed', payload });
      const before = await fileBytes(db, filename);
      const report = await runRetentionPass(db, { retentionDays: 30, now });
      const after = await fileBytes(db, filename);
      expect(report.deleted.inbox_events).toBe(1_800);
      expect(report.reclaimedBytes).toBeGreaterThan(5_000_000);
      expect(after).toBeLessThan(before / 3);
    } finally {
      await db.destroy();
    }
  });

  it('an existing store without auto-vacuum is switched once at start, keeping its rows', async () => {
    const filename = path.join(dir, 'legacy.db');
    const legacy = new Database(filename);
    legacy.pragma('journal_mode = WAL');
    legacy.exec('CREATE TABLE legacy_rows (id INTEGER PRIMARY KEY, text TEXT)');
    legacy.prepare('INSERT INTO legacy_rows (text) VALUES (?)').run('kept');
    expect(legacy.pragma('auto_vacuum', { simple: true })).toBe(0);
    legacy.close();

    const notes: string[] = [];
    const db = await openDatabase({ client: 'sqlite', filename }, { log: (message) => notes.push(message) });
    try {
      expect(await pragmaNumber(db, 'auto_vacuum')).toBe(AUTO_VACUUM_INCREMENTAL);
      expect(await db('legacy_rows').select('text')).toEqual([{ text: 'kept' }]);
      expect(notes).toEqual([expect.stringMatching(/incremental auto-vacuum, once/)]);
    } finally {
      await db.destroy();
    }
    const again: string[] = [];
    const reopened = await openDatabase({ client: 'sqlite', filename }, { log: (message) => again.push(message) });
    await reopened.destroy();
    expect(again).toEqual([]);
  });
});
