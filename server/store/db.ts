import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../migrations';
import type { AppConfig } from '../config';
import { checkSqliteIntegrity, prepareSqliteFile } from './sqliteFile';
import { enableIncrementalAutoVacuum } from './sqliteSpace';
import { ensureTrigramIndexes } from './syncLogSearch';
import { WalCheckpointer } from './walCheckpointer';

export type Db = Knex;
/** The store or an open transaction: what a read or write that may join a caller's transaction runs on. */
export type Executor = Db | Knex.Transaction;

/** Whether the store is PostgreSQL (else SQLite). knex types its client loosely; its config says. */
export function isPostgres(db: Executor): boolean {
  return (db.client as Knex.Client).config.client === 'pg';
}

export interface OpenDatabaseOptions {
  searchPath?: string;
  /** This data directory has run before (its secret key file exists): an empty SQLite file is then refused. */
  ranBefore?: boolean;
  /** Where start-up notes go (the one-time switch of an existing SQLite file to incremental auto-vacuum). */
  log?: (message: string) => void;
}

/**
 * Opens the store: SQLite (better-sqlite3, WAL) by default, PostgreSQL with DATABASE_URL.
 * Runs pending migrations before returning, so a started app always has the current schema.
 */
export async function openDatabase(database: AppConfig['database'], options: OpenDatabaseOptions = {}): Promise<Db> {
  const onFile = database.client === 'sqlite' && database.filename !== ':memory:';
  if (onFile) prepareSqliteFile(database.filename, { ranBefore: options.ranBefore ?? false });
  const db =
    database.client === 'sqlite'
      ? openSqlite(database.filename)
      : knexFactory({
          client: 'pg',
          connection: database.connectionString,
          pool: { min: 0, max: 10 },
          ...(options.searchPath ? { searchPath: [options.searchPath] } : {}),
        });
  if (onFile) {
    try {
      await checkSqliteIntegrity(database.filename, () => db.raw<unknown[]>('PRAGMA quick_check(10)'));
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  await db.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
  if (database.client === 'pg') await ensureTrigramIndexes(db, options.log ?? ((message) => process.emitWarning(message)));
  if (onFile) {
    // Before the checkpoint thread opens its connection: a VACUUM wants the file to itself.
    await enableIncrementalAutoVacuum(db, options.log);
    checkpointInThread(db, database.filename);
  }
  return db;
}

/** The WAL is checkpointed by a thread of its own (see WalCheckpointer), stopped before the store closes. */
function checkpointInThread(db: Db, filename: string): void {
  const checkpointer = new WalCheckpointer(filename, {
    // The app connection's own checkpoints (at SAFETY_VALVE_PAGES) still bound the WAL.
    onFailure: (error) => process.emitWarning(`The SQLite WAL checkpoint thread stopped: ${error.message}`),
  });
  // knex's own destroy() is read-only; it ends in its client's, which is not.
  const client = db.client as { destroy: (callback?: unknown) => Promise<unknown> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    await checkpointer.stop();
    return destroy(callback);
  };
}

/**
 * WAL pages after which the app connection checkpoints by itself, as SQLite does at 1,000 by
 * default. The thread's checkpoints keep the WAL far below this; but a WAL is reset only once a
 * checkpoint has caught up with every commit, which a thread may never quite do under a steady
 * stream of commits. The app connection is the only writer, so its own checkpoint always catches
 * up: a rare slow commit bounds the WAL at about 40 MB, and journal_size_limit then truncates it.
 */
const SAFETY_VALVE_PAGES = 10_000;
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

function openSqlite(filename: string): Db {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite serializes writers anyway, and one connection makes
    // transactions and the claim statement free of SQLITE_BUSY between our own connections.
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        cachePreparedStatements(connection);
        // First: it only takes effect on a file with no table yet (sqliteSpace.ts switches older files).
        connection.pragma('auto_vacuum = INCREMENTAL');
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        // A file database is checkpointed by a thread of its own (see checkpointInThread).
        if (filename !== ':memory:') {
          connection.pragma(`wal_autocheckpoint = ${SAFETY_VALVE_PAGES}`);
          connection.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
        }
        done(null, connection);
      },
    },
  });
}

interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Statements kept prepared per connection; the app issues a few dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * knex's better-sqlite3 client prepares every statement anew, and SQLite's parse and plan of
 * the job claim alone cost more than running it. better-sqlite3 statements are reusable (every
 * call is synchronous, so no two uses overlap) and SQLite re-prepares one by itself after a
 * schema change, so an LRU of prepared statements per connection is safe and removes that cost.
 */
function cachePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
    } else {
      cache.delete(sql); // re-inserted below: most recently used last
    }
    cache.set(sql, statement);
    return statement;
  };
}

/** Timestamps are stored as Date; SQLite hands back numbers (epoch ms) or strings, PostgreSQL Dates. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value);
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}
