/**
 * The retained change events, as Salesforce's event bus keeps them for replay: each event gets
 * the next replayId (one counter for the org, so ids grow on every channel and an event has the
 * same id on its object's channel and on `/data/ChangeEvents`), and is dropped once it is older
 * than the retention window measured by the emulator's clock.
 */
import type { Clock } from '../../shared/clock';
import { channelCarries, type ChannelSelector } from './channels';
import type { ChangeEventData } from './changeEventMessage';

export interface StoredChangeEvent {
  replayId: number;
  entityName: string;
  storedAt: number;
  data: ChangeEventData;
}

/** Replay options of Salesforce's replay extension. */
export const REPLAY_NEW_EVENTS = -1;
export const REPLAY_ALL_RETAINED = -2;

export type ReplayStart = { ok: true; /** Deliver the channel's events with a replayId above this. */ after: number } | { ok: false };

export class ChangeEventLog {
  readonly #clock: Clock;
  readonly #retentionMs: number;
  /** Ascending by replayId. */
  #events: StoredChangeEvent[] = [];
  #lastReplayId = 0;

  constructor(clock: Clock, retentionMs: number) {
    if (!Number.isFinite(retentionMs) || retentionMs <= 0) {
      throw new RangeError(`CDC retention must be a positive number of milliseconds, got ${retentionMs}`);
    }
    this.#clock = clock;
    this.#retentionMs = retentionMs;
  }

  get lastReplayId(): number {
    return this.#lastReplayId;
  }

  /** Stores the event `render` builds for the next replayId; when `render` throws, nothing is stored or numbered. */
  append(entityName: string, render: (replayId: number) => ChangeEventData): StoredChangeEvent {
    this.#prune();
    const replayId = this.#lastReplayId + 1;
    const event = { replayId, entityName, storedAt: this.#clock.now(), data: render(replayId) };
    this.#lastReplayId = replayId;
    this.#events.push(event);
    return event;
  }

  /**
   * Where a new subscription starts. A stored replayId is accepted while it lies inside the
   * retained range; one that has aged out, was never issued, or is not an integer is refused,
   * as Salesforce refuses it, so a subscriber learns it missed events instead of silently
   * skipping them.
   */
  resolveStart(replay: unknown): ReplayStart {
    this.#prune();
    if (replay === REPLAY_NEW_EVENTS) return { ok: true, after: this.#lastReplayId };
    if (replay === REPLAY_ALL_RETAINED) return { ok: true, after: 0 };
    if (typeof replay !== 'number' || !Number.isSafeInteger(replay)) return { ok: false };
    const oldest = this.#events[0];
    if (!oldest || replay < oldest.replayId || replay > this.#lastReplayId) return { ok: false };
    return { ok: true, after: replay };
  }

  /** The channel's retained events with a replayId above `after`, oldest first. */
  eventsAfter(selector: ChannelSelector, after: number): StoredChangeEvent[] {
    this.#prune();
    return this.#events.slice(this.#firstIndexAfter(after)).filter((event) => channelCarries(selector, event.entityName));
  }

  /** Forgets every stored event. The counter keeps going so a replayId from before stays invalid. */
  clear(): void {
    this.#events = [];
  }

  #prune(): void {
    const cutoff = this.#clock.now() - this.#retentionMs;
    const firstKept = this.#events.findIndex((event) => event.storedAt > cutoff);
    if (firstKept === -1) this.#events = [];
    else if (firstKept > 0) this.#events = this.#events.slice(firstKept);
  }

  #eventAt(index: number): StoredChangeEvent {
    const event = this.#events[index];
    if (!event) throw new Error(`The change event log has no event at index ${index} of ${this.#events.length}`);
    return event;
  }

  #firstIndexAfter(replayId: number): number {
    let low = 0;
    let high = this.#events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#eventAt(middle).replayId <= replayId) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
