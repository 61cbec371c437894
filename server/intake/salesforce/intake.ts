import crypto from 'node:crypto';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import type { IntakeStatusReply, SyncSettings } from '../../../contracts/sync';
import { isPostgres, type Db } from '../../store/db';
import { readObjectMapping } from '../../store/objectMapping';
import type { EventSink } from '../../pipeline/events';
import type { SalesforceSession } from '../../vendors/salesforce/session';
import { CdcSubscriber } from './cdcSubscriber';
import { CommentPoller } from './commentPoller';
import { addIntakeNotice, cursorUpdatedAt, INTAKE_CURSORS, INTAKE_LEASE, readIntakeNotices } from '../intakeState';
import { LeaderLease, type LeaderElection } from '../leader';
import { AdvisoryLockLeader } from '../lockLeader';
import { readLease, releaseLease } from '../../store/leases';
import { CasePoller } from './poller';
import { Repeater } from '../repeater';
import { readSyncSettings } from '../syncSettings';

export interface SalesforceIntakeOptions {
  db: Db;
  /** Where what this brings in is stored (the sync engine's inbox). */
  events: EventSink;
  salesforce: SalesforceSession;
  logger: Logger;
  /** This instance's id in the lease table. Default: host, pid and a random suffix. */
  instanceId?: string;
  /**
   * How the leader is chosen: `lock`, a PostgreSQL session-level advisory lock (the default on
   * PostgreSQL: a killed leader's lock goes with its session, so a standby takes over within
   * about `lockPollMs`), or `lease`, a lease row (SQLite's only choice: one node, see README).
   */
  election?: 'lock' | 'lease';
  /** Intake lease duration and renewal interval (`lease`). Defaults 10 s and 3 s (takeover within 13 s). */
  leaseTtlMs?: number;
  leaseRenewMs?: number;
  /** How often a standby tries for the advisory lock and the leader checks it (`lock`). Default 250 ms. */
  lockPollMs?: number;
  /** How often the leader re-reads the sync settings (another instance may have changed them). Default 10 s. */
  settingsRefreshMs?: number;
  /** Polls re-read this window before their watermark (late commits). Default 10 s. */
  pollOverlapMs?: number;
  /** CDC resubscription delay after a failure (doubles up to a minute). Default 1 s. */
  cdcRetryDelayMs?: number;
}

/**
 * The Salesforce intake of one instance. All instances run the leader election on the
 * `salesforce-cdc` lease; only the leader talks to Salesforce: the CDC subscription (mode
 * `cdc`) or the Case poller (mode `poll`), and the CaseComment poller while the object mapping
 * syncs comments to notes. A deposed leader unsubscribes and stops polling at once. With
 * automatic sync off the leader does nothing (manual sync still works).
 */
export class SalesforceIntake {
  readonly instanceId: string;
  readonly leader: LeaderElection;
  readonly casePoller: CasePoller;
  readonly commentPoller: CommentPoller;
  readonly #options: SalesforceIntakeOptions;
  readonly #logger: Logger;
  #cdc: CdcSubscriber | undefined;
  #caseRepeater: Repeater | undefined;
  #commentRepeater: Repeater | undefined;
  #settingsRepeater: Repeater | undefined;
  #active: SyncSettings | undefined;
  /** Activations and deactivations run one after another. */
  #transition: Promise<void> = Promise.resolve();

  constructor(options: SalesforceIntakeOptions) {
    this.#options = options;
    this.instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.#logger = options.logger.child({ component: 'salesforce-intake' });
    const election = options.election ?? (isPostgres(options.db) ? 'lock' : 'lease');
    if (election === 'lock' && !isPostgres(options.db)) throw new Error('The advisory-lock leader election needs PostgreSQL');
    this.leader =
      election === 'lock'
        ? new AdvisoryLockLeader({
            db: options.db,
            name: INTAKE_LEASE,
            holder: this.instanceId,
            logger: this.#logger,
            stepDown: () => this.#queue(() => this.#deactivate()),
            ...(options.lockPollMs ? { pollMs: options.lockPollMs } : {}),
          })
        : new LeaderLease({
            db: options.db,
            name: INTAKE_LEASE,
            holder: this.instanceId,
            logger: this.#logger,
            ...(options.leaseTtlMs ? { ttlMs: options.leaseTtlMs } : {}),
            ...(options.leaseRenewMs ? { renewMs: options.leaseRenewMs } : {}),
          });
    const overlap = options.pollOverlapMs === undefined ? {} : { overlapMs: options.pollOverlapMs };
    this.casePoller = new CasePoller({ db: options.db, events: options.events, salesforce: options.salesforce, logger: this.#logger, ...overlap });
    this.commentPoller = new CommentPoller({ db: options.db, events: options.events, salesforce: options.salesforce, logger: this.#logger, ...overlap });
    this.leader.on('elected', () => void this.#queue(() => this.#activate()));
    this.leader.on('deposed', () => void this.#queue(() => this.#deactivate()));
  }

  /** The CDC subscriber while this instance leads in `cdc` mode. */
  get cdc(): CdcSubscriber | undefined {
    return this.#cdc;
  }

  start(): void {
    this.leader.start();
  }

  /**
   * Stops everything; `releaseLease: false` lets the lease row expire instead (as a crash would).
   * An advisory lock goes with its session either way, once the intake has stopped.
   */
  async stop(options: { releaseLease?: boolean } = {}): Promise<void> {
    await this.leader.stop({ release: false });
    await this.#queue(() => this.#deactivate());
    if (options.releaseLease ?? true) {
      await releaseLease(this.#options.db, INTAKE_LEASE, this.instanceId).catch(() => undefined);
    }
  }

  /** Sync settings changed on this instance: the leader applies them at once. */
  settingsChanged(): Promise<void> {
    return this.#queue(async () => {
      if (!this.leader.isLeader) return;
      await this.#deactivate();
      await this.#activate();
    });
  }

  async status(): Promise<IntakeStatusReply> {
    const { db } = this.#options;
    const [settings, lease, lastCdcEventAt, lastCasePollAt, lastCommentPollAt, notices] = await Promise.all([
      readSyncSettings(db),
      readLease(db, INTAKE_LEASE),
      cursorUpdatedAt(db, INTAKE_CURSORS.cdc),
      cursorUpdatedAt(db, INTAKE_CURSORS.casePoll),
      cursorUpdatedAt(db, INTAKE_CURSORS.commentPoll),
      readIntakeNotices(db),
    ]);
    return {
      settings,
      leader:
        lease && lease.expiresAt.getTime() > 0
          ? { holder: lease.holder, expiresAt: lease.expiresAt.toISOString(), expired: lease.expiresAt.getTime() < Date.now() }
          : null,
      thisInstance: { id: this.instanceId, leader: this.leader.isLeader, subscribed: this.#cdc?.subscribed ?? false },
      lastCdcEventAt: lastCdcEventAt?.toISOString() ?? null,
      lastCasePollAt: lastCasePollAt?.toISOString() ?? null,
      lastCommentPollAt: lastCommentPollAt?.toISOString() ?? null,
      notices,
    };
  }

  #queue(step: () => Promise<void>): Promise<void> {
    this.#transition = this.#transition.then(step).catch((error: unknown) => this.#logger.error({ err: error }, 'Salesforce intake transition failed'));
    return this.#transition;
  }

  async #activate(): Promise<void> {
    if (!this.leader.isLeader) return;
    const { db, events, salesforce } = this.#options;
    const settings = await readSyncSettings(db);
    this.#active = settings;
    this.#settingsRepeater = new Repeater(
      () => this.#refreshSettings(),
      () => this.#options.settingsRefreshMs ?? 10_000,
    );
    this.#settingsRepeater.start();
    if (!settings.automaticSync) {
      this.#logger.info('automatic sync is off: no Salesforce intake until it is switched on');
      return;
    }
    const startDate = new Date(settings.startDate);
    if (settings.intakeMode === 'cdc') {
      this.#cdc = new CdcSubscriber({
        db,
        events,
        salesforce,
        logger: this.#logger,
        onReplayGap: async (since) => {
          const result = await this.casePoller.catchUp(since, startDate);
          this.#logger.info({ since, ...result }, 'caught up on the CDC replay gap by polling');
        },
        ...(this.#options.cdcRetryDelayMs ? { retryDelayMs: this.#options.cdcRetryDelayMs } : {}),
      });
      await this.#cdc.start();
    } else {
      this.#caseRepeater = new Repeater(
        () => this.#guard('poll_failed', 'Polling Salesforce Cases failed', () => this.casePoller.pollOnce(startDate)),
        () => (this.#active?.pollIntervalSeconds ?? 60) * 1000,
      );
      this.#caseRepeater.start();
    }
    this.#commentRepeater = new Repeater(
      () => this.#pollComments(),
      () => (this.#active?.commentPollSeconds ?? 30) * 1000,
    );
    this.#commentRepeater.start();
  }

  async #deactivate(): Promise<void> {
    const cdc = this.#cdc;
    const repeaters = [this.#caseRepeater, this.#commentRepeater, this.#settingsRepeater];
    this.#cdc = undefined;
    this.#caseRepeater = this.#commentRepeater = this.#settingsRepeater = undefined;
    this.#active = undefined;
    await Promise.all([cdc?.stop(), ...repeaters.map((repeater) => repeater?.stop())]);
  }

  async #pollComments(): Promise<void> {
    const mapping = await readObjectMapping(this.#options.db);
    if (!mapping.syncCommentsToNotes) {
      await this.commentPoller.disable();
      return;
    }
    await this.#guard('poll_failed', 'Polling Salesforce Case comments failed', () => this.commentPoller.pollOnce());
  }

  /** Another instance may have saved new settings: apply them when they differ. */
  async #refreshSettings(): Promise<void> {
    const settings = await readSyncSettings(this.#options.db).catch(() => undefined);
    if (settings && this.#active && !isDeepStrictEqual(settings, this.#active)) {
      void this.settingsChanged();
    }
  }

  async #guard(code: 'poll_failed', what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const message = `${what}: ${(error as Error).message}`;
      this.#logger.warn({ err: error }, what);
      await addIntakeNotice(this.#options.db, { code, message }).catch(() => undefined);
    }
  }
}
