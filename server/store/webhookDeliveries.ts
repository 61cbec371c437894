import type { Knex } from 'knex';
import type { Db } from './db';
import { WEBHOOK_TABLES } from './tables';

const TABLE = WEBHOOK_TABLES.deliveries;
/** PagerDuty retries one delivery for about 20 minutes; a week of ids is plenty. */
const KEEP_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY = 500;
/** Ids per lookup query: far below both engines' limits on bound parameters. */
const LOOKUPS_PER_QUERY = 500;

/**
 * The `X-Webhook-Id`s already accepted. Checked before storing an event, and written in the
 * same transaction as the event (`remember` with the inbox's transaction).
 */
export class WebhookDeliveryLog {
  #sinceLastPrune = 0;
  /** Ids asked about in this turn of the event loop: one query answers them all at its end. */
  #asked: { webhookId: string; resolve: (seen: boolean) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Whether this delivery id was accepted before. Concurrent deliveries (a burst of webhooks)
   * are looked up together, one query per turn of the event loop instead of one per request.
   */
  seen(webhookId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#asked.push({ webhookId: webhookId.slice(0, 100), resolve, reject });
      if (this.#asked.length === 1) setImmediate(() => void this.#lookUp());
    });
  }

  async #lookUp(): Promise<void> {
    const asked = this.#asked.splice(0, LOOKUPS_PER_QUERY);
    if (this.#asked.length > 0) setImmediate(() => void this.#lookUp());
    try {
      const found = new Set(
        (await this.db(TABLE)
          .whereIn('webhook_id', [...new Set(asked.map(({ webhookId }) => webhookId))])
          .pluck('webhook_id')) as string[],
      );
      for (const { webhookId, resolve } of asked) resolve(found.has(webhookId));
    } catch (error) {
      for (const { reject } of asked) reject(error);
    }
  }

  async remember(webhookId: string, eventId: string, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx(TABLE)
      .insert({ webhook_id: webhookId.slice(0, 100), event_id: eventId.slice(0, 100), received_at: this.now() })
      .onConflict('webhook_id')
      .ignore();
    this.#sinceLastPrune += 1;
    if (this.#sinceLastPrune >= PRUNE_EVERY) {
      this.#sinceLastPrune = 0;
      await this.prune(trx);
    }
  }

  async prune(trx: Knex | Knex.Transaction = this.db): Promise<number> {
    return trx(TABLE)
      .where('received_at', '<', new Date(this.now().getTime() - KEEP_MS))
      .delete();
  }
}
