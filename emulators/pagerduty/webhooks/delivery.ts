import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { Clock } from '../../shared/clock';
import type { WebhookSubscription } from '../model';
import { signatureHeader } from './signature';

/**
 * At-least-once delivery of signed v3 webhooks, as docs/webhooks/02-Behavior.md describes it:
 * - a 2xx within the timeout (5 s) delivers; no answer, a connection error, 5xx or 429 retries
 *   with exponential backoff, up to 5 attempts in about 20 minutes; any other status drops it;
 * - webhooks of one subscription and one incident go out in order: a failing one holds back the
 *   later ones of its queue until it is delivered or dropped;
 * - 3 consecutive dropped webhooks disable the subscription (`temporarily_disabled`) and drop
 *   what is still queued for it.
 * Retry times are read from the shared emulator Clock, so `advance(ms)` fast-forwards backoff
 * and `flush()` forces every queued webhook through its remaining attempts at once.
 */

export type DeliveryState = 'pending' | 'delivered' | 'dropped';

export interface DeliveryAttempt {
  at: string;
  outcome: 'delivered' | 'retry' | 'dropped';
  status?: number;
  error?: string;
  durationMs: number;
}

export interface Delivery {
  /** `X-Webhook-Id`: the same on every attempt, so receivers can de-duplicate. */
  id: string;
  subscriptionId: string;
  /** Ordering scope: `<subscription>/<incident>` (or `<subscription>/ping`). */
  queueKey: string;
  eventId: string;
  eventType: string;
  body: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: number;
  createdAt: string;
  droppedReason?: string;
}

export interface DeliveryOptions {
  clock: Clock;
  subscription: (id: string) => WebhookSubscription | undefined;
  /** Per-attempt timeout; PagerDuty waits 5 seconds. */
  timeoutMs?: number;
  /** Waits before attempts 2..n; its length + 1 is the number of attempts. */
  backoffMs?: number[];
  /** Consecutive drops that disable a subscription. */
  disableAfterDrops?: number;
  /** How often queued retries are checked against the clock in real time. */
  pollIntervalMs?: number;
}

export const DEFAULT_BACKOFF_MS = [60_000, 180_000, 360_000, 600_000];
const RETRY_STATUS = (status: number): boolean => status >= 500 || status === 429;
const MAX_KEPT_DELIVERIES = 2_000;

export class WebhookDeliveryScheduler {
  readonly #clock: Clock;
  readonly #subscription: DeliveryOptions['subscription'];
  readonly #timeoutMs: number;
  readonly #backoffMs: number[];
  readonly #disableAfterDrops: number;
  readonly #queues = new Map<string, Delivery[]>();
  readonly #draining = new Set<string>();
  readonly #active = new Set<Promise<void>>();
  #history: Delivery[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: DeliveryOptions) {
    this.#clock = options.clock;
    this.#subscription = options.subscription;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.#disableAfterDrops = options.disableAfterDrops ?? 3;
    this.#timer = setInterval(() => this.kick(), options.pollIntervalMs ?? 250);
    this.#timer.unref();
  }

  get maxAttempts(): number {
    return this.#backoffMs.length + 1;
  }

  enqueue(subscriptionId: string, scope: string, event: { id: string; eventType: string; body: string }): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      subscriptionId,
      queueKey: `${subscriptionId}/${scope}`,
      eventId: event.id,
      eventType: event.eventType,
      body: event.body,
      state: 'pending',
      attempts: [],
      nextAttemptAt: this.#clock.now(),
      createdAt: this.#clock.date().toISOString(),
    };
    const queue = this.#queues.get(delivery.queueKey) ?? [];
    queue.push(delivery);
    this.#queues.set(delivery.queueKey, queue);
    this.#history.push(delivery);
    // Trimmed once it holds twice what is kept, not on every webhook: the filter reads it all.
    if (this.#history.length > 2 * MAX_KEPT_DELIVERIES) {
      this.#history = this.#history.filter((d, i) => d.state === 'pending' || i >= this.#history.length - MAX_KEPT_DELIVERIES);
    }
    // Only this queue can have become due; the timer's kick looks at all of them.
    this.#startDrain(delivery.queueKey, queue);
    return delivery;
  }

  /** Snapshots, oldest first, optionally of one subscription. */
  list(subscriptionId?: string): Delivery[] {
    return this.#history.filter((d) => subscriptionId === undefined || d.subscriptionId === subscriptionId).map((d) => structuredClone(d));
  }

  pendingCount(): number {
    let count = 0;
    for (const queue of this.#queues.values()) count += queue.length;
    return count;
  }

  /** Starts a drain for every queue whose head is due and not already being sent. */
  kick(): void {
    const now = this.#clock.now();
    for (const [key, queue] of this.#queues) this.#startDrain(key, queue, now);
  }

  #startDrain(key: string, queue: Delivery[], now = this.#clock.now()): void {
    const head = queue[0];
    if (!head || this.#draining.has(key) || head.nextAttemptAt > now) return;
    this.#draining.add(key);
    const run = this.#drain(key).finally(() => {
      this.#draining.delete(key);
      this.#active.delete(run);
    });
    this.#active.add(run);
  }

  /** Resolves once nothing is being sent and no queued webhook is due. */
  async settle(): Promise<void> {
    for (;;) {
      this.kick();
      if (this.#active.size === 0) return;
      await Promise.allSettled([...this.#active]);
    }
  }

  /** Moves the emulator clock forward and sends what became due. */
  async advance(ms: number): Promise<void> {
    this.#clock.advance(ms);
    await this.settle();
  }

  /** Sends every queued webhook now, through all its remaining attempts, ignoring backoff. */
  async flush(): Promise<void> {
    for (let round = 0; round < this.maxAttempts * 100 && this.pendingCount() > 0; round += 1) {
      const now = this.#clock.now();
      for (const queue of this.#queues.values()) if (queue[0]) queue[0].nextAttemptAt = Math.min(queue[0].nextAttemptAt, now);
      await this.settle();
    }
  }

  /** Forgets all queues and history (emulator reset). In-flight sends finish but change nothing. */
  clear(): void {
    this.#queues.clear();
    this.#history = [];
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #drain(key: string): Promise<void> {
    for (;;) {
      const queue = this.#queues.get(key);
      const head = queue?.[0];
      if (!queue || !head) {
        this.#queues.delete(key);
        return;
      }
      if (head.nextAttemptAt > this.#clock.now()) return;
      const subscription = this.#subscription(head.subscriptionId);
      if (!subscription || !subscription.active || subscription.temporarilyDisabled) {
        this.#finish(queue, head, 'dropped', subscription ? 'subscription disabled' : 'subscription deleted');
        continue;
      }
      const attempt = await this.#send(head, subscription);
      if (this.#queues.get(key) !== queue) return; // cleared by a reset while sending
      head.attempts.push(attempt);
      // The wait before the next attempt; undefined once the attempts are used up (maxAttempts).
      const backoffMs = attempt.outcome === 'retry' ? this.#backoffMs[head.attempts.length - 1] : undefined;
      if (attempt.outcome === 'delivered') {
        subscription.consecutiveDrops = 0;
        this.#finish(queue, head, 'delivered');
      } else if (backoffMs !== undefined) {
        head.nextAttemptAt = this.#clock.now() + backoffMs;
        return;
      } else {
        if (attempt.outcome === 'retry') attempt.outcome = 'dropped';
        this.#finish(queue, head, 'dropped', attempt.error ?? `HTTP ${attempt.status}`);
        this.#countDrop(subscription);
      }
    }
  }

  #finish(queue: Delivery[], delivery: Delivery, state: DeliveryState, reason?: string): void {
    delivery.state = state;
    if (reason !== undefined && state === 'dropped') delivery.droppedReason = reason;
    queue.shift();
  }

  #countDrop(subscription: WebhookSubscription): void {
    subscription.consecutiveDrops += 1;
    if (subscription.consecutiveDrops < this.#disableAfterDrops) return;
    subscription.temporarilyDisabled = true;
    for (const [key, queue] of this.#queues) {
      if (!key.startsWith(`${subscription.id}/`)) continue;
      for (const delivery of queue) {
        delivery.state = 'dropped';
        delivery.droppedReason = 'subscription disabled after consecutive drops';
      }
      queue.length = 0;
    }
  }

  async #send(delivery: Delivery, subscription: WebhookSubscription): Promise<DeliveryAttempt> {
    const at = this.#clock.date().toISOString();
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const headers: Record<string, string> = {};
    // Lower-cased: undici sends the object as given, and PagerDuty's own headers below must win.
    for (const header of subscription.customHeaders) headers[header.name.toLowerCase()] = header.value;
    Object.assign(headers, {
      'content-type': 'application/json',
      'user-agent': 'PagerDuty-Webhook/V3.0',
      'x-webhook-id': delivery.id,
      'x-webhook-subscription': subscription.id,
      'x-pagerduty-signature': signatureHeader(delivery.body, subscription.secrets),
    });
    // undici's `request` rather than fetch: a third of the CPU per call, which matters when the
    // emulator sends a webhook for every incident of a benchmark. It follows no redirects (a 3xx
    // is not a 2xx: the webhook is dropped, as PagerDuty does).
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const response = await request(subscription.url, { method: 'POST', headers, body: delivery.body, signal });
      await response.body.dump().catch(() => undefined);
      const status = response.statusCode;
      const outcome = status >= 200 && status < 300 ? 'delivered' : RETRY_STATUS(status) ? 'retry' : 'dropped';
      return { at, outcome, status, durationMs: elapsed() };
    } catch (error) {
      const message = signal.aborted ? `no answer within ${this.#timeoutMs} ms` : describeNetworkError(error);
      return { at, outcome: 'retry', error: message, durationMs: elapsed() };
    }
  }
}

function describeNetworkError(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string; message?: string } };
  return (code && !code.startsWith('UND_ERR') ? code : undefined) ?? cause?.code ?? cause?.message ?? (error as Error).message;
}
