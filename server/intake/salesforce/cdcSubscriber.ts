import { EventEmitter } from 'node:events';
// The file path: Node's ESM loader (Playwright's runner) does not resolve folder imports, and
// jsforce's root does not export the extensions.
import { StreamingExtension } from '@jsforce/jsforce-node/lib/api/streaming.js';
import type { Logger } from 'pino';
import type { Db } from '../../store/db';
import { errorMessage } from '../../../lib/errorMessage';
import type { EventSink } from '../../pipeline/events';
import type { SalesforceSession } from '../../vendors/salesforce/session';
import type { InboundEvent } from '../../pipeline/inbox';
import { caseEventKind, sourceEventIds, type CaseChangePayload } from '../../pipeline/events';
import { createStreamingClient } from './streamingClient';
import { addIntakeNotice, INTAKE_CURSORS, readJsonCursor, writeJsonCursor, type CdcPosition } from '../intakeState';

export const CASE_CHANGE_CHANNEL = '/data/CaseChangeEvent';

/** The CometD message of one change event, as Salesforce sends it. */
export interface ChangeEventMessage {
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
  event: { replayId: number };
}

interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  commitTimestamp: number;
  commitUser: string;
  changedFields: string[];
  nulledFields: string[];
}

/** The part of faye's client the subscriber uses. */
interface StreamingClient {
  subscribe(channel: string, listener: (message: ChangeEventMessage) => void): PromiseLike<unknown>;
  disconnect(): PromiseLike<unknown> | undefined;
}

export interface CdcSubscriberOptions {
  db: Db;
  /** Where what this brings in is stored (the sync engine's inbox). */
  events: EventSink;
  salesforce: SalesforceSession;
  logger: Logger;
  /**
   * Called when the stored replayId is outside the retention window, before resubscribing with
   * -2: the caller polls the Cases changed since the last recorded commit to cover the gap.
   */
  onReplayGap: (since: Date) => Promise<void>;
  /** How long to wait for Salesforce to acknowledge a subscription. Default 30 s. */
  subscribeTimeoutMs?: number;
  /** First delay before resubscribing after a failure (doubles up to a minute). Default 1 s. */
  retryDelayMs?: number;
}

export interface CdcSubscriberEvents {
  subscribed: [replayFrom: number];
  recorded: [replayId: number];
  failed: [error: Error];
}

const INVALID_REPLAY_ID = /replayId .*invalid/i;
const MAX_RETRY_DELAY_MS = 60_000;
/** Messages recorded per transaction at most during a burst. */
const MAX_MESSAGES_PER_COMMIT = 500;
/**
 * How long dropping a streaming client waits for Salesforce to acknowledge the CometD
 * disconnect. faye waits for that reply without limit, resending the message while the host is
 * unreachable, so stopping (and so app shutdown) would hang; Salesforce expires a client that
 * stops polling on its own, so giving up after a few seconds loses nothing.
 */
const DISCONNECT_TIMEOUT_MS = 3_000;

/**
 * The Change Data Capture intake: a CometD streaming client (as jsforce builds it, through the outbound proxy) on `/data/CaseChangeEvent` that
 * resumes from the stored replayId (`-1`, new events only, when there is none). Messages are
 * handled in order, in batches of those that arrived meanwhile: each record of a message becomes
 * one inbox event, committed together with the batch's last replayId, so a crash replays from
 * the last stored event and the inbox drops what it already has. A replayId that aged out of the retention window falls back
 * to `-2` (every retained event) after a catch-up poll; an invalid session (`AuthFailure`)
 * signs in again through the engine's Salesforce session; any other failure resubscribes from
 * the stored replayId with a growing delay. Cost: no REST call per event.
 */
export class CdcSubscriber extends EventEmitter<CdcSubscriberEvents> {
  readonly #options: CdcSubscriberOptions;
  #client: StreamingClient | undefined;
  #queue: Promise<void> = Promise.resolve();
  #received: { client: StreamingClient; message: ChangeEventMessage }[] = [];
  #running = false;
  #subscribed = false;
  #retryDelayMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #connecting: Promise<void> | undefined;

  constructor(options: CdcSubscriberOptions) {
    super();
    this.#options = options;
    this.#retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  get subscribed(): boolean {
    return this.#subscribed;
  }

  /** Subscribes (retrying on failure until stopped); resolves after the first attempt. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#connect();
  }

  /** Unsubscribes and waits until the messages already received are recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    await this.#connecting;
    await this.#disconnect();
    await this.#queue;
  }

  #connect(): Promise<void> {
    this.#connecting = this.#subscribeFromCursor().then(
      () => {
        this.#retryDelayMs = this.#options.retryDelayMs ?? 1_000;
      },
      (error: unknown) => this.#fail(error),
    );
    return this.#connecting;
  }

  async #subscribeFromCursor(): Promise<void> {
    const { db, logger } = this.#options;
    const stored = await readJsonCursor<CdcPosition>(db, INTAKE_CURSORS.cdc);
    try {
      await this.#subscribe(stored?.replayId ?? -1);
    } catch (error) {
      if (!stored || !INVALID_REPLAY_ID.test(errorMessage(error))) throw error;
      const since = new Date(stored.commitTimestamp);
      const message = `The stored CDC position (replayId ${stored.replayId}) is older than Salesforce keeps change events; replaying every retained event and polling the Cases changed since ${since.toISOString()} to cover the gap.`;
      logger.warn({ replayId: stored.replayId, since }, message);
      await addIntakeNotice(db, { code: 'replay_gap', message });
      await this.#options.onReplayGap(since);
      if (!this.#running) return;
      await this.#subscribe(-2);
    }
  }

  async #subscribe(replayFrom: number): Promise<void> {
    await this.#disconnect();
    const connection = await this.#options.salesforce.connection();
    if (!this.#running) return;
    const client: StreamingClient = createStreamingClient(connection, this.#options.salesforce.proxy, [
      new StreamingExtension.AuthFailure((message: unknown) => this.#handleAuthFailure(client, message)),
      new StreamingExtension.Replay(CASE_CHANGE_CHANNEL, replayFrom),
    ]);
    this.#client = client;
    const timeoutMs = this.#options.subscribeTimeoutMs ?? 30_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Salesforce did not acknowledge the subscription to ${CASE_CHANGE_CHANNEL} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      client
        .subscribe(CASE_CHANGE_CHANNEL, (message) => this.#enqueue(client, message))
        .then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(errorMessage(error)));
          },
        );
    }).catch(async (error: unknown) => {
      if (this.#client === client) await this.#disconnect();
      throw error;
    });
    this.#subscribed = true;
    this.#options.logger.info({ channel: CASE_CHANGE_CHANNEL, replayFrom }, 'subscribed to Salesforce change events');
    this.emit('subscribed', replayFrom);
  }

  /**
   * Messages wait here while the previous batch commits; each batch is recorded in one
   * transaction together with its last replayId, so a burst costs a few commits, not one per
   * message, and order and the resume position stay exact.
   */
  #enqueue(client: StreamingClient, message: ChangeEventMessage): void {
    this.#received.push({ client, message });
    if (this.#received.length > 1) return; // a drain is already queued and will take this one too
    this.#queue = this.#queue.then(async () => {
      // Messages of a client we already dropped are replayed by its successor from the cursor.
      const messages = this.#received.splice(0).flatMap((received) => (received.client === this.#client ? [received.message] : []));
      if (messages.length === 0) return;
      try {
        await this.#record(messages);
      } catch (error) {
        if (client === this.#client) await this.#fail(error);
      }
    });
  }

  async #record(messages: ChangeEventMessage[]): Promise<void> {
    let batch: ChangeEventMessage[] = [];
    for (const message of messages) {
      if (!message.payload.ChangeEventHeader.changeType.startsWith('GAP_')) {
        batch.push(message);
        if (batch.length >= MAX_MESSAGES_PER_COMMIT) {
          await this.#recordBatch(batch);
          batch = [];
        }
        continue;
      }
      await this.#recordBatch(batch);
      batch = [];
      // Salesforce could not produce the event's data (GAP_* / GAP_OVERFLOW): read the Cases instead.
      const header = message.payload.ChangeEventHeader;
      await this.#options.onReplayGap(new Date(header.commitTimestamp - 1_000));
      await this.#recordBatch([], message);
    }
    await this.#recordBatch(batch);
  }

  /** Records the Case changes of `messages` and the position after `last` in one transaction. */
  async #recordBatch(messages: ChangeEventMessage[], last = messages.at(-1)): Promise<void> {
    if (!last) return;
    const events = messages.flatMap((message) => this.#eventsOf(message));
    const position = { replayId: last.event.replayId, commitTimestamp: last.payload.ChangeEventHeader.commitTimestamp } satisfies CdcPosition;
    await this.#options.events.recordMany(events, (trx) => writeJsonCursor(trx, INTAKE_CURSORS.cdc, position));
    for (const message of messages.length ? messages : [last]) this.emit('recorded', message.event.replayId);
  }

  #eventsOf(message: ChangeEventMessage): InboundEvent[] {
    const { ChangeEventHeader: header, ...fields } = message.payload;
    const changeType = header.changeType as CaseChangePayload['changeType'];
    const changedFields =
      changeType === 'CREATE' || changeType === 'UNDELETE' ? Object.keys(fields).filter((name) => fields[name] !== null) : header.changedFields;
    return header.recordIds.map((caseId) => ({
      source: 'salesforce' as const,
      sourceEventId: sourceEventIds.cdc(message.event.replayId, caseId),
      kind: caseEventKind(changeType),
      payload: {
        changeType,
        caseId,
        changedFields,
        nulledFields: header.nulledFields,
        values: fields,
        commitUser: header.commitUser,
        commitTimestamp: header.commitTimestamp,
        origin: 'cdc',
      } satisfies CaseChangePayload,
      caseId,
      caseNumber: typeof fields.CaseNumber === 'string' ? fields.CaseNumber : null,
      occurredAt: new Date(header.commitTimestamp),
    }));
  }

  #handleAuthFailure(client: StreamingClient, message: unknown): void {
    if (client !== this.#client) return;
    const reason =
      (message as { ext?: { sfdc?: { failureReason?: string } }; error?: string } | null)?.ext?.sfdc?.failureReason ??
      (message as { error?: string } | null)?.error ??
      'authentication invalid';
    this.#options.logger.warn({ reason }, 'Salesforce ended the streaming session: signing in again');
    // The session is gone for every user of the shared connection: make the next one sign in.
    this.#options.salesforce.reset();
    void addIntakeNotice(this.#options.db, {
      code: 'auth_failure',
      message: `Salesforce ended the streaming session (${reason}); the app signed in again and resumed from the stored position.`,
    }).catch(() => undefined);
    void this.#queue.then(() => this.#fail(new Error(`Salesforce streaming session ended: ${reason}`)));
  }

  async #fail(thrown: unknown): Promise<void> {
    const error = thrown instanceof Error ? thrown : new Error(errorMessage(thrown));
    this.#subscribed = false;
    await this.#disconnect();
    if (!this.#running) return;
    this.emit('failed', error);
    const delay = this.#retryDelayMs;
    this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    this.#options.logger.warn({ err: error, retryInMs: delay }, 'Salesforce change event subscription failed; resubscribing from the stored position');
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#running) void this.#connect();
    }, delay);
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#subscribed = false;
    if (!client) return;
    // A refusal is swallowed as before, also one arriving after we gave up: the client is dropped either way.
    const acknowledged = Promise.resolve(client.disconnect()).then(
      () => true,
      () => true,
    );
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DISCONNECT_TIMEOUT_MS);
      // Shutdown must never wait on this timer; it is cleared below in any case.
      timer.unref();
    });
    try {
      if (await Promise.race([acknowledged, gaveUp])) return;
    } finally {
      clearTimeout(timer);
    }
    this.#options.logger.warn(
      { timeoutMs: DISCONNECT_TIMEOUT_MS },
      'Salesforce did not acknowledge the streaming disconnect in time; dropping the client without it',
    );
    // faye would otherwise resend the disconnect (and its pending long poll) for as long as the
    // host stays unreachable. Closing its dispatcher (private, as jsforce's own createClient uses
    // it) stops that: with no transport left, a retry sends nothing.
    (client as { _dispatcher?: { close?: () => void } })._dispatcher?.close?.();
  }
}
