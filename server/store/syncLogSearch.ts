import type { Knex } from 'knex';
import { SYNC_LOG_SEARCH_TABLES, SYNC_TABLES } from './tables';

/**
 * SYNC LOG's text search (`?q=`): a case-insensitive substring of an event's Case number,
 * incident number, kind or note, or of one of its jobs' Case number, incident number, task or
 * last error. The meaning is the LIKE below; the indexes only find the rows worth checking.
 *
 * - SQLite: two FTS5 tables with the trigram tokenizer (migration 20261207_0025), kept in step
 *   with their rows by triggers, so every writer (the pipeline, retention's deletes) updates them.
 *   They answer which rows hold every trigram of the text: a superset of the LIKE's rows, which
 *   the LIKE then checks. Text shorter than 3 characters has no trigram: the LIKE alone scans.
 * - PostgreSQL: pg_trgm GIN indexes on `lower(column)`, which serve the LIKE itself. Without the
 *   extension the same LIKE runs without an index (slower, same rows; `openDatabase` logs it).
 *
 * Measured by bench:year (bench/results/year.json): a Case number searched among 1,000,000 events.
 */

/** The store or an open transaction (as db.ts's Executor, which this module cannot import: db.ts runs the migrations that use it). */
type Executor = Knex | Knex.Transaction;

const isPostgres = (db: Executor) => (db.client as Knex.Client).config.client === 'pg';

const EVENTS = SYNC_TABLES.events;
const JOBS = SYNC_TABLES.jobs;

/** The columns the search reads, per table; the indexes cover exactly these. */
export const SEARCHED_EVENT_COLUMNS = ['case_number', 'incident_number', 'kind', 'note'] as const;
export const SEARCHED_JOB_COLUMNS = ['case_number', 'incident_number', 'task', 'last_error'] as const;

/** A trigram index finds nothing shorter (FTS5's trigram tokenizer, pg_trgm). */
export const TRIGRAM_LENGTH = 3;

/**
 * Above this many candidate rows the search walks the log newest first and checks each row
 * instead: matches are then dense enough (one in 500 at 1,000,000 rows) that a page fills after a
 * few thousand rows, while reading and sorting every candidate would cost seconds.
 */
export const DENSE_AFTER_CANDIDATES = 2000;

/** `%text%` for LIKE on a lowercased column, with the wildcards of the search text taken literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** `(LOWER(a) LIKE ? OR LOWER(b) LIKE ? …)` on `alias`'s columns: the search's meaning. */
export function whereAnyColumnLike(where: Knex.QueryBuilder, alias: string, columns: readonly string[], pattern: string): void {
  for (const column of columns) where.orWhereRaw(`LOWER(${alias}.${column}) LIKE ? ESCAPE '\\'`, [pattern]);
}

/** Code points, not graphemes: what SQLite's trigram tokenizer and pg_trgm count characters in. */
function codePoints(text: string): string[] {
  return Array.from(text);
}

/**
 * The FTS5 query for rows holding every trigram of `text` (lowercased as the LIKE's pattern is),
 * each trigram quoted so that quotes, `*`, `OR`, `NEAR` and the like are plain text to FTS5.
 * Null under 3 characters (counted as SQLite counts them, by code point).
 */
export function trigramMatchQuery(text: string): string | null {
  const chars = codePoints(text.toLowerCase());
  if (chars.length < TRIGRAM_LENGTH) return null;
  const trigrams = new Set<string>();
  for (let index = 0; index + TRIGRAM_LENGTH <= chars.length; index++) trigrams.add(chars.slice(index, index + TRIGRAM_LENGTH).join(''));
  return [...trigrams].map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' ');
}

/**
 * How a search runs: `scan` walks the log newest first and checks each row (the plain LIKE);
 * `candidates` reads the rows the index proposes: on SQLite `eventIds`/`jobIds`, the ids the
 * trigram tables found (read once, here, and passed on: a second MATCH would cost as much again),
 * which the LIKE then checks; on PostgreSQL none, the index serves the LIKE itself.
 * Both return the same rows.
 */
export type SearchPlan = { kind: 'scan' } | { kind: 'candidates'; eventIds?: number[]; jobIds?: number[] };

export interface SearchPlanOptions {
  /** False: never read the index, always the plain LIKE (what tests compare the index with). Default true. */
  index?: boolean;
  /** See DENSE_AFTER_CANDIDATES. */
  denseAfter?: number;
}

export async function planSearch(db: Executor, text: string, options: SearchPlanOptions = {}): Promise<SearchPlan> {
  const denseAfter = options.denseAfter ?? DENSE_AFTER_CANDIDATES;
  if (options.index === false) return { kind: 'scan' };
  if (isPostgres(db)) {
    // pg_trgm cannot narrow a pattern of fewer than 3 characters either: the LIKE scans.
    if (codePoints(text).length < TRIGRAM_LENGTH || !(await trigramIndexesPresent(db))) return { kind: 'scan' };
    const pattern = likePattern(text);
    const count = async (table: string, columns: readonly string[]) =>
      (
        await db(table)
          .select(db.raw('1'))
          .where((where) => whereAnyColumnLike(where, table, columns, pattern))
          .limit(denseAfter + 1)
      ).length;
    if ((await count(EVENTS, SEARCHED_EVENT_COLUMNS)) > denseAfter || (await count(JOBS, SEARCHED_JOB_COLUMNS)) > denseAfter) return { kind: 'scan' };
    return { kind: 'candidates' };
  }
  // Under 3 characters there is no trigram to look up: the LIKE scans.
  const match = trigramMatchQuery(text);
  if (match === null) return { kind: 'scan' };
  const matching = async (table: string) =>
    (
      (await db(table)
        .select('rowid')
        .whereRaw('?? MATCH ?', [table, match])
        .limit(denseAfter + 1)) as { rowid: number }[]
    ).map((row) => row.rowid);
  const eventIds = await matching(SYNC_LOG_SEARCH_TABLES.events);
  if (eventIds.length > denseAfter) return { kind: 'scan' };
  const jobIds = await matching(SYNC_LOG_SEARCH_TABLES.jobs);
  if (jobIds.length > denseAfter) return { kind: 'scan' };
  return { kind: 'candidates', eventIds, jobIds };
}

// --- PostgreSQL: pg_trgm ---------------------------------------------------------------------

const TRIGRAM_INDEXES = [
  ...SEARCHED_EVENT_COLUMNS.map((column) => ({ table: EVENTS, column, name: `${EVENTS}_${column}_trgm` })),
  ...SEARCHED_JOB_COLUMNS.map((column) => ({ table: JOBS, column, name: `${JOBS}_${column}_trgm` })),
];

const indexesPresent = new WeakMap<object, Promise<boolean>>();

/** Whether this store's search has its trigram indexes (asked once per connection pool). */
export function trigramIndexesPresent(db: Executor): Promise<boolean> {
  const key = db.client as object;
  let present = indexesPresent.get(key);
  if (!present) {
    present = db
      .raw<{ rows: { n: number | string }[] }>(
        `SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (${TRIGRAM_INDEXES.map(() => '?').join(', ')})`,
        TRIGRAM_INDEXES.map((index) => index.name),
      )
      .then((result) => Number(result.rows[0]?.n) === TRIGRAM_INDEXES.length);
    indexesPresent.set(key, present);
  }
  return present;
}

export type TrigramIndexOutcome = { indexed: true } | { indexed: false; reason: string };

/**
 * Creates pg_trgm (in `public`, so that dropping an app schema never drops it for others) and the
 * GIN indexes on `lower(column)`. When the extension cannot be created (no privilege, contrib
 * not installed) it says why and creates nothing: the search then runs without an index. The
 * attempt runs in a savepoint, so its failure leaves a migration's transaction usable.
 */
export async function createTrigramIndexes(knex: Knex): Promise<TrigramIndexOutcome> {
  try {
    await knex.transaction((savepoint) => savepoint.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public'));
  } catch (error) {
    return { indexed: false, reason: (error as Error).message };
  }
  // The extension may have been created in another schema before: name its operator class there.
  const found = await knex.raw<{ rows: { schema: string }[] }>(
    `SELECT n.nspname AS schema FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm'`,
  );
  const schema = found.rows[0]?.schema ?? 'public';
  for (const index of TRIGRAM_INDEXES)
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin (lower(??) ??.gin_trgm_ops)`, [index.name, index.table, index.column, schema]);
  return { indexed: true };
}

/**
 * At each start on PostgreSQL: builds the trigram indexes if they are missing (pg_trgm was not
 * available when the migration ran and may be now), else says that the search runs without them.
 */
export async function ensureTrigramIndexes(db: Knex, log: (message: string) => void): Promise<void> {
  if (await trigramIndexesPresent(db)) return;
  const outcome = await createTrigramIndexes(db);
  indexesPresent.delete(db.client as object);
  if (!outcome.indexed)
    log(
      `SYNC LOG search runs without an index (same results, slower on a large log): the pg_trgm extension could not be created (${outcome.reason}). ` +
        'Run CREATE EXTENSION pg_trgm; in this database as a superuser and restart: the app then builds the index.',
    );
}

export async function dropTrigramIndexes(knex: Knex): Promise<void> {
  for (const index of TRIGRAM_INDEXES) await knex.raw('DROP INDEX IF EXISTS ??', [index.name]);
}

// --- SQLite: FTS5 trigram tables -------------------------------------------------------------

const SQLITE_INDEXES = [
  { search: SYNC_LOG_SEARCH_TABLES.events, table: EVENTS, columns: SEARCHED_EVENT_COLUMNS },
  { search: SYNC_LOG_SEARCH_TABLES.jobs, table: JOBS, columns: SEARCHED_JOB_COLUMNS },
];

/**
 * Creates the FTS5 tables, their triggers and their entries for the rows already stored.
 * Contentless with `contentless_delete` (SQLite ≥ 3.43): the text stays only in its table, and an
 * entry is deleted by id alone, so an entry can never disagree with a row it once indexed.
 * `detail=none` keeps no positions (a smaller index): a row found then holds the text's trigrams
 * somewhere, in any order and column, and the LIKE that follows keeps only true substrings.
 * Triggers, not the store code, keep them in step: every insert, update of a searched column and
 * delete (retention's included) goes through them. Caution for later migrations: knex rebuilds a
 * SQLite table for some `alterTable` changes, which drops its triggers; recreate them after.
 */
export async function createSqliteSearchIndex(knex: Knex): Promise<void> {
  for (const { search, table, columns } of SQLITE_INDEXES) {
    const list = columns.join(', ');
    const newValues = columns.map((column) => `new.${column}`).join(', ');
    await knex.raw(`CREATE VIRTUAL TABLE ${search} USING fts5(${list}, content='', contentless_delete=1, detail=none, tokenize='trigram')`);
    await knex.raw(`INSERT INTO ${search} (rowid, ${list}) SELECT id, ${list} FROM ${table}`);
    await knex.raw(`CREATE TRIGGER ${search}_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${search} (rowid, ${list}) VALUES (new.id, ${newValues});
    END`);
    await knex.raw(`CREATE TRIGGER ${search}_update AFTER UPDATE OF ${list} ON ${table} BEGIN
      DELETE FROM ${search} WHERE rowid = old.id;
      INSERT INTO ${search} (rowid, ${list}) VALUES (new.id, ${newValues});
    END`);
    await knex.raw(`CREATE TRIGGER ${search}_delete AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${search} WHERE rowid = old.id;
    END`);
  }
}

export async function dropSqliteSearchIndex(knex: Knex): Promise<void> {
  for (const { search } of SQLITE_INDEXES) {
    for (const trigger of ['insert', 'update', 'delete']) await knex.raw(`DROP TRIGGER IF EXISTS ${search}_${trigger}`);
    await knex.raw(`DROP TABLE IF EXISTS ${search}`);
  }
}
