import type { Job } from '../../pipeline/jobQueue';
import type { EventEmitter } from 'node:events';
import type { SyncEngineEvents } from '../../pipeline/engine';

/** What an open stream learns of the engine: an event recorded, or a job done. */
export type EngineChange =
  { kind: 'event'; source: string; incidentId: string | null; caseId: string | null } | { kind: 'job'; incidentId: string | null; caseId: string | null };

/**
 * One fan-out subscription on the sync engine, shared by every open event stream (the Status
 * Dashboard's, the agents' console's). A listener per open stream on the engine itself would make
 * Node warn about a leak (MaxListenersExceededWarning) from a handful of open pages, and would make
 * each engine event walk every page's listeners on the engine's own emitter. The hub holds its
 * subscribers in a Set (no listener limit to raise), attaches to the engine with the first
 * subscriber and detaches with the last, so an app with no open stream costs the engine nothing.
 */
export class EngineChangeHub {
  readonly #subscribers = new Set<(change: EngineChange) => void>();
  readonly #onEvent = (...[event]: SyncEngineEvents['eventRecorded']) =>
    this.#publish({ kind: 'event', source: event.source, incidentId: event.incidentId ?? null, caseId: event.caseId ?? null });
  readonly #onJob = (job: Job, outcome: string) => {
    if (outcome === 'done') this.#publish({ kind: 'job', incidentId: job.incidentId, caseId: job.caseId });
  };

  constructor(private readonly engine: Pick<EventEmitter<SyncEngineEvents>, 'on' | 'off'>) {}

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: EngineChange) => void): () => void {
    if (this.#subscribers.size === 0) {
      this.engine.on('eventRecorded', this.#onEvent);
      this.engine.on('jobFinished', this.#onJob);
    }
    // A wrapper, so one function subscribed twice is two subscriptions, each ended on its own.
    const subscription = (change: EngineChange) => listener(change);
    this.#subscribers.add(subscription);
    return () => {
      if (!this.#subscribers.delete(subscription) || this.#subscribers.size > 0) return;
      this.engine.off('eventRecorded', this.#onEvent);
      this.engine.off('jobFinished', this.#onJob);
    };
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  #publish(change: EngineChange): void {
    // A copy: a subscriber may unsubscribe (its stream closed) while the change is delivered.
    for (const subscriber of [...this.#subscribers]) {
      try {
        subscriber(change);
      } catch {
        // A stream whose socket broke must not keep the others from hearing of the change.
      }
    }
  }
}

/** Changes within this window reach a stream as one message. */
export const COALESCE_MS = 250;

/**
 * Calls `listener` once per burst of changes that `matters` accepts (at most once per
 * COALESCE_MS), with the burst's changes, so a storm of events makes each open page refresh once,
 * not once per event.
 */
export function coalescedChanges(
  hub: EngineChangeHub,
  matters: (change: EngineChange) => boolean,
  listener: (changes: EngineChange[]) => void,
  windowMs = COALESCE_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let burst: EngineChange[] = [];
  const unsubscribe = hub.subscribe((change) => {
    if (!matters(change)) return;
    burst.push(change);
    timer ??= setTimeout(() => {
      timer = undefined;
      const changes = burst;
      burst = [];
      listener(changes);
    }, windowMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
