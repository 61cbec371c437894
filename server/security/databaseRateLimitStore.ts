import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { toDate, type Db } from '../store/db';
import { RATE_LIMIT_TABLE } from '../store/tables';

/**
 * An express-rate-limit Store in the app's database (SQLite or PostgreSQL), so that a limit holds
 * across every instance of one installation: with a store per process, N instances behind a load
 * balancer would allow N times the attempts. Hand-written: the published stores need Redis,
 * Memcached or a database client of their own (rate-limit-postgresql brings `pg` and its own
 * migrations), while this is one upsert through the knex the app already has.
 */
export class DatabaseRateLimitStore implements Store {
  /** Keys counted here are seen by every instance sharing the database. */
  readonly localKeys = false;
  #windowMs = 60_000;
  /** Expired rows are deleted at most once a window. */
  #lastPrunedAt = -Infinity;

  constructor(
    private readonly db: Db,
    /** Set apart the keys of each limiter (sign-in, sign-in link) sharing the table. */
    readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db(RATE_LIMIT_TABLE)
      .where({ key: this.prefix + key })
      .first<HitsRow | undefined>('hits', 'reset_at');
    if (!row || toDate(row.reset_at) <= this.now()) return undefined;
    return { totalHits: Number(row.hits), resetTime: toDate(row.reset_at) };
  }

  /**
   * Counts a hit in one statement, so concurrent hits on several instances all count: a new key or
   * one whose window ended starts a window at 1, else its count goes up by one.
   */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const resetAt = new Date(now.getTime() + this.#windowMs);
    await this.#prune(now);
    // PostgreSQL answers a result with its rows, SQLite the rows.
    const result = await this.db.raw<{ rows: HitsRow[] } | HitsRow[]>(
      `INSERT INTO ${RATE_LIMIT_TABLE} (key, hits, reset_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN ${RATE_LIMIT_TABLE}.reset_at <= ? THEN 1 ELSE ${RATE_LIMIT_TABLE}.hits + 1 END,
         reset_at = CASE WHEN ${RATE_LIMIT_TABLE}.reset_at <= ? THEN excluded.reset_at ELSE ${RATE_LIMIT_TABLE}.reset_at END
       RETURNING hits, reset_at`,
      [this.prefix + key, resetAt, now, now],
    );
    const [row] = Array.isArray(result) ? result : result.rows;
    if (!row) throw new Error('The rate-limit counter was not written');
    return { totalHits: Number(row.hits), resetTime: toDate(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db(RATE_LIMIT_TABLE)
      .where({ key: this.prefix + key })
      .andWhere('hits', '>', 0)
      .update({ hits: this.db.raw('hits - 1') });
  }

  async resetKey(key: string): Promise<void> {
    await this.db(RATE_LIMIT_TABLE)
      .where({ key: this.prefix + key })
      .delete();
  }

  async #prune(now: Date): Promise<void> {
    if (now.getTime() - this.#lastPrunedAt < this.#windowMs) return;
    this.#lastPrunedAt = now.getTime();
    await this.db(RATE_LIMIT_TABLE).where('reset_at', '<=', now).delete();
  }
}

interface HitsRow {
  hits: number | string;
  reset_at: unknown;
}
