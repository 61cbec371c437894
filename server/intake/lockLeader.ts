import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../store/db';
import { recordLeaseHolder } from '../store/leases';
import { SessionLock } from '../store/sessionLock';
import type { LeaderElection, LeaderLeaseEvents } from './leader';

export interface AdvisoryLockLeaderOptions {
  db: Db;
  /** The role's name (also its lease row, which tells SUMMARY who leads). */
  name: string;
  /** This instance's id, written into the lease row while it leads. */
  holder: string;
  logger: Logger;
  /**
   * Stops whatever the role runs, resolving once it has stopped. Awaited before the lock is let
   * go, so the next leader can only start once this one has stopped.
   */
  stepDown: () => Promise<void>;
  /** How often a standby tries for the lock and the leader checks its session. Default 250 ms. */
  pollMs?: number;
  /** How long one try or check may take before the session counts as lost. Default 2 s. */
  queryTimeoutMs?: number;
  /** How often the leader rewrites the lease row for SUMMARY. Default 3 s. */
  recordEveryMs?: number;
}

/** How long the lease row written for SUMMARY says the role is held: a few rewrites' worth. */
const RECORD_TTL_FACTOR = 3;

/**
 * Leader election by a PostgreSQL session-level advisory lock (see SessionLock). Every `pollMs`
 * a standby tries `pg_try_advisory_lock` on its own session; whoever holds the lock leads.
 * When a leader's process is killed, PostgreSQL ends its session and drops the lock at once, so
 * a standby leads within one poll (plus its start-up), not after a lease has run out.
 *
 * Never two leaders: the lock has one holder at a time, and a leader gives it up (closes its
 * session) only after `stepDown` has stopped its work. A leader whose session ends (its
 * connection reports it) steps down at once, and one whose check does not answer in time steps
 * down too: PostgreSQL may already have handed the lock on. What remains is a window no lock
 * closes by itself: a session PostgreSQL ends while the leader cannot hear it (a network
 * partition, where the server's TCP keepalive ends the session first) leaves the old leader
 * running until its next check fails, within `pollMs` + `queryTimeoutMs`.
 */
export class AdvisoryLockLeader extends EventEmitter<LeaderLeaseEvents> implements LeaderElection {
  readonly #options: Required<AdvisoryLockLeaderOptions>;
  #lock: SessionLock | undefined;
  #leader = false;
  #recordedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #running = false;
  #attempts = 0;

  constructor(options: AdvisoryLockLeaderOptions) {
    super();
    this.#options = { pollMs: 250, queryTimeoutMs: 2_000, recordEveryMs: 3_000, ...options };
  }

  get isLeader(): boolean {
    return this.#leader;
  }

  /** How many times this instance has tried for the lock (a standby's tries show in tests). */
  get attempts(): number {
    return this.#attempts;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops trying; a leader steps down first and then lets the lock go (closing its session). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.#letGo();
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#attempt().finally(() => this.#schedule(this.#options.pollMs));
    }, delayMs);
  }

  async #attempt(): Promise<void> {
    const { db, name, holder, logger, queryTimeoutMs, recordEveryMs } = this.#options;
    try {
      this.#lock ??= await SessionLock.open(db, name, (error) => this.#sessionLost(error));
      if (this.#stopped()) return;
      if (this.#leader) {
        await this.#lock.check(queryTimeoutMs);
        if (Date.now() - this.#recordedAt >= recordEveryMs) await this.#record();
        return;
      }
      this.#attempts += 1;
      if (!(await this.#lock.tryLock(queryTimeoutMs))) return;
      // stop() may have come while the try was out: it closes the session (and the lock) itself.
      if (this.#stopped()) return;
      await this.#record().catch((error: unknown) => logger.warn({ err: error, lease: name }, 'could not record the leader for SUMMARY'));
      this.#setLeader(true);
      logger.info({ lease: name, holder }, 'advisory lock acquired: this instance leads');
    } catch (error) {
      logger.warn({ err: error, lease: name }, this.#leader ? 'the leader lock session failed: stepping down' : 'could not try for the leader lock');
      await this.#letGo();
    }
  }

  /**
   * The session failed between checks: PostgreSQL has dropped (or is dropping) the lock, so stop
   * leading now rather than at the next check. The next attempt finds the session lost and
   * closes it.
   */
  #sessionLost(error: Error): void {
    if (!this.#leader) return;
    this.#options.logger.warn({ err: error, lease: this.#options.name }, 'the leader lock session ended: stepping down');
    this.#setLeader(false);
    void this.#options.stepDown().catch((stepDownError: unknown) => this.#options.logger.error({ err: stepDownError }, 'stepping down failed'));
  }

  /** Read through a call: `stop()` can change it while an attempt awaits. */
  #stopped(): boolean {
    return !this.#running;
  }

  async #record(): Promise<void> {
    const { db, name, holder, recordEveryMs } = this.#options;
    const now = new Date();
    await recordLeaseHolder(db, name, holder, recordEveryMs * RECORD_TTL_FACTOR, now);
    this.#recordedAt = now.getTime();
  }

  /** Steps down (when leading) before closing the session: the order is what keeps leaders to one. */
  async #letGo(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    if (this.#leader) {
      this.#setLeader(false);
      await this.#options.stepDown().catch((error: unknown) => this.#options.logger.error({ err: error, lease: this.#options.name }, 'stepping down failed'));
    }
    await lock?.close();
  }

  #setLeader(leader: boolean): void {
    if (leader === this.#leader) return;
    this.#leader = leader;
    if (!leader) this.#options.logger.info({ lease: this.#options.name, holder: this.#options.holder }, 'leader lock given up');
    this.emit(leader ? 'elected' : 'deposed');
  }
}
