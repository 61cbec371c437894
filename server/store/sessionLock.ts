import crypto from 'node:crypto';
import type { Db } from './db';

/** The part of node-postgres' `Client` a session lock uses (knex hands out raw `pg` clients). */
interface PgConnection {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  end(): Promise<void>;
}

/** knex's client methods that open and close a connection outside its pool (documented on Knex.Client). */
interface RawConnectionClient {
  acquireRawConnection(): Promise<PgConnection>;
  destroyRawConnection(connection: PgConnection): Promise<void>;
}

/**
 * The advisory lock key for `name` in this database schema. PostgreSQL's advisory locks are
 * database-wide, so the schema is part of the key: installations (and test suites) sharing one
 * database in different schemas must not contend. The first 8 bytes of a SHA-256 make the signed
 * 64-bit key `pg_try_advisory_lock(bigint)` takes.
 */
export function advisoryLockKey(schema: string, name: string): string {
  return crypto.createHash('sha256').update(`pagerduty-service-cloud\0${schema}\0${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * A PostgreSQL session-level advisory lock (`pg_try_advisory_lock`) held on a connection of its
 * own, outside knex's pool: a pooled connection is shared and recycled, and the lock belongs to
 * the session. PostgreSQL drops the lock the moment that session ends, and a killed process's
 * session ends as soon as the kernel closes its socket, so another instance can take it over at
 * its next try instead of waiting out a lease. A frozen process keeps its session and so the
 * lock: nobody takes over from it, so there are never two holders.
 */
export class SessionLock {
  readonly #connection: PgConnection;
  readonly #release: () => Promise<void>;
  readonly #key: string;
  #lost: Error | undefined;
  #held = false;

  private constructor(connection: PgConnection, release: () => Promise<void>, key: string, onLost: (error: Error) => void) {
    this.#connection = connection;
    this.#release = release;
    this.#key = key;
    // An error or end of the session means the lock is gone (or about to be): holders must stop at once.
    const lose = (error: Error) => {
      if (this.#lost) return;
      this.#lost = error;
      onLost(error);
    };
    connection.on('error', (error) => lose(error ?? new Error('The lock session failed')));
    connection.on('end', () => lose(new Error('The lock session ended')));
  }

  /**
   * Opens the lock's own session, with the pool's settings (search_path included). `onLost` is
   * called once if the session fails or ends other than by `close`.
   */
  static async open(db: Db, name: string, onLost: (error: Error) => void = () => undefined): Promise<SessionLock> {
    const client = db.client as unknown as RawConnectionClient;
    const connection = await client.acquireRawConnection();
    const release = () => client.destroyRawConnection(connection);
    try {
      const { rows } = await connection.query('select current_schema() as schema');
      const schema = rows[0]?.['schema'];
      if (typeof schema !== 'string') throw new Error('PostgreSQL named no current schema for the lock session (check search_path)');
      return new SessionLock(connection, release, advisoryLockKey(schema, name), onLost);
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
  }

  /** Why the session is gone, once it is (then the lock is not held, whatever `tryLock` said). */
  get lost(): Error | undefined {
    return this.#lost;
  }

  /** Takes the lock if nobody holds it; true while this session holds it (asking again is harmless). */
  async tryLock(timeoutMs: number): Promise<boolean> {
    if (this.#lost) throw this.#lost;
    if (this.#held) return true;
    const { rows } = await this.#query('select pg_try_advisory_lock($1::bigint) as locked', [this.#key], timeoutMs);
    this.#held = rows[0]?.['locked'] === true;
    return this.#held;
  }

  /** Proves the session (and so the lock) is still alive within `timeoutMs`; throws otherwise. */
  async check(timeoutMs: number): Promise<void> {
    await this.#query('select 1', [], timeoutMs);
  }

  /** Hands the lock over and closes the session (closing alone would release it too). */
  async close(): Promise<void> {
    if (this.#held && !this.#lost) await this.#query('select pg_advisory_unlock($1::bigint)', [this.#key], 2_000).catch(() => undefined);
    this.#held = false;
    this.#lost ??= new Error('The lock session was closed');
    await this.#release().catch(() => undefined);
  }

  async #query(sql: string, values: unknown[], timeoutMs: number): Promise<{ rows: Record<string, unknown>[] }> {
    if (this.#lost) throw this.#lost;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The lock session did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.#connection.query(sql, values), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
