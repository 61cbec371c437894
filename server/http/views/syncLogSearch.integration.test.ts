import knexFactory from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncLogQuery, type SyncLogQuery } from '../../../contracts/syncLog';
import { runRetentionPass } from '../../store/retention';
import { dropTrigramIndexes, ensureTrigramIndexes, planSearch, trigramIndexesPresent } from '../../store/syncLogSearch';
import { SYNC_LOG_SEARCH_TABLES, SYNC_TABLES } from '../../store/tables';
import { createTestDatabase, testEngines, type TestDatabase } from '../../testing/databases';
import { insertEvent, insertJob } from '../../testing/syncLogRows';
import { SyncLogReader } from './syncLog';

const engines = await testEngines();
const caseUrlOf = (caseId: string) => `https://example.my.salesforce.com/lightning/r/Case/${caseId}/view`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute, 0));

/** Texts that FTS5 query syntax, LIKE wildcards or case folding could get wrong. */
const NOTES = [
  'He said "hello" and left',
  '100% sure_thing',
  'a_b%c\\d',
  'NEAR(alpha beta) OR gamma* AND NOT delta',
  'col:value ^start',
  "it's 'single' quoted",
  'École Straße ÉCOLE',
  'İstanbul office',
  'emoji 🚀 launch',
  '日本語テキスト',
  '(paren) {brace} [bracket] -minus +plus',
  'CHECKOUT fails with error 502',
];

const QUERIES = [
  ...['"', '""', '"hello"', 'said "hello', '%', '100%', '_', 'e_t', 'a_b%c', '\\', 'c\\d', '%_'],
  ...['NEAR', 'near(alpha', 'OR', ' OR ', 'gamma*', '*', 'AND NOT', 'NOT', 'col:value', '^start', ':', "'single'", "it's"],
  ...['école', 'ÉCOLE', 'Éco', 'eco', 'straße', 'STRASSE', 'İstanbul', 'istanbul', 'i̇st', '🚀', '🚀 l', '日本', '日本語', 'テキスト'],
  ...['(paren)', '{brace}', '-minus', '+plus', 'checkout', 'CheckOut', 'error 502'],
  ...['x', 'e', '0', '00', '97', '00023976', '0002397', '23976', 'rate limit', '429', 'econnreset', 'create_incident', 'case.', 'case', 'zzz-none'],
];

describe.each(engines)('SYNC LOG search through the index on %s', (engine) => {
  let database: TestDatabase;
  /** The plain LIKE, as the search ran before it had an index. */
  let plain: SyncLogReader;
  /** The index whenever it can serve, however many rows it proposes. */
  let indexed: SyncLogReader;
  const ids: Record<string, number> = {};

  /** Every row of a search, read page by page (2 rows a page, so cursors are crossed too). */
  async function keysOf(reader: SyncLogReader, query: SyncLogQuery): Promise<string[]> {
    const keys: string[] = [];
    let before: string | undefined;
    do {
      const page = await reader.page(syncLogQuery.parse({ ...query, limit: 2, ...(before ? { before } : {}) }), caseUrlOf);
      keys.push(...page.entries.map((entry) => `${entry.type === 'event' ? 'e' : 'j'}${entry.id}`));
      before = page.nextBefore ?? undefined;
    } while (before);
    return keys;
  }

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    plain = new SyncLogReader(database.db, { index: false });
    indexed = new SyncLogReader(database.db, { denseAfter: 1_000_000 });
    const db = database.db;
    for (const [index, note] of NOTES.entries()) ids[`note${index}`] = await insertEvent(db, { at: at(index), note, kind: 'case.update' });
    // A Case number on the event, one only on its job, and a neighbour that must not match.
    ids.caseEvent = await insertEvent(db, { at: at(20), caseNumber: '00023976', kind: 'case.create' });
    ids.viaJob = await insertEvent(db, { at: at(21), source: 'pagerduty', kind: 'incident.acknowledged', incidentNumber: '41' });
    await insertJob(db, { task: 'update_case', state: 'done', eventId: ids.viaJob, at: at(21), caseNumber: '00023976' });
    ids.neighbour = await insertEvent(db, { at: at(22), caseNumber: '00023977', kind: 'case.create' });
    // Errors on jobs: one under an event, one of a job without an event.
    ids.failing = await insertEvent(db, { at: at(23), kind: 'case.create', caseNumber: '00000429' });
    await insertJob(db, {
      task: 'create_incident',
      state: 'dead',
      eventId: ids.failing,
      at: at(23),
      lastError: 'PagerDuty answered 429: "Rate limit" (retry later)',
    });
    ids.orphan = await insertJob(db, { task: 'add_case_comment', state: 'failed', at: at(24), lastError: 'read ECONNRESET at 日本語 socket' });
    // Changed after they were written: the index follows updates of the searched columns.
    ids.changed = await insertEvent(db, { at: at(25), note: 'before the change' });
    await db(SYNC_TABLES.events).where('id', ids.changed).update({ note: 'CHECKOUT after the change' });
    const retried = await insertJob(db, { task: 'update_case', state: 'failed', eventId: ids.changed, at: at(25), lastError: 'socket hang up' });
    await db(SYNC_TABLES.jobs).where('id', retried).update({ last_error: 'Rate LIMIT again' });
  });

  afterEach(async () => {
    await database.drop();
  });

  it('finds exactly what the plain LIKE finds, for every tricky query, alone and with a status filter', async () => {
    for (const q of QUERIES) {
      const expected = await keysOf(plain, { q });
      expect(await keysOf(indexed, { q }), `q=${JSON.stringify(q)}`).toEqual(expected);
      for (const status of ['done', 'dead', 'failed'] as const)
        expect(await keysOf(indexed, { q, status }), `q=${JSON.stringify(q)} status=${status}`).toEqual(await keysOf(plain, { q, status }));
    }
  });

  it('reads the index for 3 characters or more, and the plain LIKE below', async () => {
    if (engine === 'postgres') expect(await trigramIndexesPresent(database.db)).toBe(true);
    expect((await planSearch(database.db, '00023976')).kind).toBe('candidates');
    expect((await planSearch(database.db, 'a_b%c')).kind).toBe('candidates');
    expect((await planSearch(database.db, 'ab')).kind).toBe('scan');
    // Many candidates: walking the log newest first fills a page sooner.
    expect((await planSearch(database.db, 'case', { denseAfter: 2 })).kind).toBe('scan');
  });

  it('keeps the meaning: substrings, any case, wildcards taken literally, edits seen', async () => {
    const keys = (q: string) => keysOf(indexed, { q });
    expect(await keys('00023976')).toEqual([`e${ids.viaJob}`, `e${ids.caseEvent}`]);
    expect(await keys('100%')).toEqual([`e${ids.note1}`]);
    // `_` taken as any character would also find "left" (note 0).
    expect(await keys('e_t')).toEqual([`e${ids.note1}`]);
    expect(await keys('"hello"')).toEqual([`e${ids.note0}`]);
    expect(await keys('gamma*')).toEqual([`e${ids.note3}`]);
    expect(await keys('checkout')).toEqual([`e${ids.changed}`, `e${ids.note11}`]);
    expect(await keys('before the change')).toEqual([]);
    expect(await keys('rate limit')).toEqual([`e${ids.changed}`, `e${ids.failing}`]);
    expect(await keys('econnreset')).toEqual([`j${ids.orphan}`]);
    expect(await keys('日本語')).toEqual([`j${ids.orphan}`, `e${ids.note9}`]);
  });

  it.runIf(engine === 'sqlite')('drops the index entries of the rows retention deletes', async () => {
    const db = database.db;
    const entries = async (table: string) => Number(((await db(table).count({ n: '*' }).first()) as { n: number | string }).n);
    expect(await entries(SYNC_LOG_SEARCH_TABLES.events)).toBe(await entries(SYNC_TABLES.events));
    expect(await entries(SYNC_LOG_SEARCH_TABLES.jobs)).toBe(await entries(SYNC_TABLES.jobs));

    const report = await runRetentionPass(db, { retentionDays: 30, now: new Date(at(0).getTime() + 31 * 86_400_000) });
    expect(report.deleted[SYNC_TABLES.events]).toBeGreaterThan(0);
    expect(await entries(SYNC_LOG_SEARCH_TABLES.events)).toBe(await entries(SYNC_TABLES.events));
    expect(await entries(SYNC_LOG_SEARCH_TABLES.jobs)).toBe(await entries(SYNC_TABLES.jobs));
    expect(await keysOf(indexed, { q: 'hello' })).toEqual([]);
  });

  it.runIf(engine === 'postgres')('searches without the trigram indexes alike, and a start builds them back', async () => {
    const db = database.db;
    await dropTrigramIndexes(db);
    const unindexed = new SyncLogReader(db);
    expect(await keysOf(unindexed, { q: '00023976' })).toEqual([`e${ids.viaJob}`, `e${ids.caseEvent}`]);
    // The presence is remembered per pool: a new pool sees them gone, as a restarted app would.
    const config = database.config;
    if (config.client !== 'pg') throw new Error('a PostgreSQL test database has a pg config');
    const restarted = knexFactory({ client: 'pg', connection: config.connectionString, searchPath: [config.searchPath], pool: { min: 0, max: 2 } });
    try {
      expect(await trigramIndexesPresent(restarted)).toBe(false);
      expect((await planSearch(restarted, '00023976')).kind).toBe('scan');
      const logged: string[] = [];
      await ensureTrigramIndexes(restarted, (message) => logged.push(message));
      expect(logged).toEqual([]);
      expect(await trigramIndexesPresent(restarted)).toBe(true);
      expect((await planSearch(restarted, '00023976')).kind).toBe('candidates');
    } finally {
      await restarted.destroy();
    }
  });
});
