import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../store/db';
import { releaseLease, tryAcquireLease } from '../store/leases';

export interface LeaderLeaseOptions {
  db: Db;
  /** Lease row name, e.g. `salesforce-cdc`. */
  name: string;
  /** This instance's id (stored as the lease holder). */
  holder: string;
  logger: Logger;
  /** How long a renewal protects the lease. Default 10 s. */
  ttlMs?: number;
  /** How often the holder renews and the others try to take over. Default 3 s. */
  renewMs?: number;
}

export interface LeaderLeaseEvents {
  elected: [];
  deposed: [];
}

/**
 * What the Salesforce intake needs from a leader election, whichever way it is decided: a lease
 * row (below; SQLite) or a PostgreSQL advisory lock (AdvisoryLockLeader).
 */
export interface LeaderElection extends EventEmitter<LeaderLeaseEvents> {
  readonly isLeader: boolean;
  start(): void;
  /** Stops taking part; `release` (default) hands the role over at once. */
  stop(options?: { release?: boolean }): Promise<void>;
}

/**
 * Leader election over one lease row. Every `renewMs` the instance tries to take or renew the
 * lease; whoever holds it is the leader. With the defaults (10 s lease, 3 s renewal) a dead
 * leader's lease expires within 10 s and another instance takes it at its next attempt, so
 * takeover happens within 13 s. A leader that cannot renew (database unreachable) steps down on
 * its own once its lease would have expired, so two leaders never act at once.
 */
export class LeaderLease extends EventEmitter<LeaderLeaseEvents> implements LeaderElection {
  readonly #options: Required<LeaderLeaseOptions>;
  #leader = false;
  #renewedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #running = false;

  constructor(options: LeaderLeaseOptions) {
    super();
    this.#options = { ttlMs: 10_000, renewMs: 3_000, ...options };
  }

  get isLeader(): boolean {
    return this.#leader;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops renewing; `release` (default) hands the lease over at once instead of letting it expire. */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#tick;
    if (this.#leader) {
      this.#setLeader(false);
      if (options.release ?? true) {
        await releaseLease(this.#options.db, this.#options.name, this.#options.holder).catch((error: unknown) =>
          this.#options.logger.warn({ err: error, lease: this.#options.name }, 'could not release the lease; it will expire'),
        );
      }
    }
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#attempt().finally(() => this.#schedule(this.#options.renewMs));
    }, delayMs);
  }

  async #attempt(): Promise<void> {
    const { db, name, holder, ttlMs, logger } = this.#options;
    const startedAt = Date.now();
    try {
      const held = await tryAcquireLease(db, name, holder, ttlMs, new Date(startedAt));
      if (!this.#running) return;
      if (held) this.#renewedAt = startedAt;
      this.#setLeader(held);
    } catch (error) {
      logger.warn({ err: error, lease: name }, 'lease renewal failed');
      if (this.#leader && Date.now() >= this.#renewedAt + ttlMs) this.#setLeader(false);
    }
  }

  #setLeader(leader: boolean): void {
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.#options.logger.info({ lease: this.#options.name, holder: this.#options.holder }, leader ? 'lease acquired: this instance leads' : 'lease lost');
    this.emit(leader ? 'elected' : 'deposed');
  }
}
