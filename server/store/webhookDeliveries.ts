import type { Knex } from 'knex';
import type { Db } from './db';
import { WEBHOOK_TABLES } from './tables';

const TABLE = WEBHOOK_TABLES.deliveries;
/** PagerDuty retries one delivery for about 20 minutes; a week of ids is plenty. */
const KEEP_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY = 500;

/**
 * The `X-Webhook-Id`s already accepted. Checked before storing an event, and written in the
 * same transaction as the event (`remember` with the inbox's transaction).
 */
export class WebhookDeliveryLog {
  #sinceLastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seen(webhookId: string): Promise<boolean> {
    return (
      (await this.db(TABLE)
        .where({ webhook_id: webhookId.slice(0, 100) })
        .first('webhook_id')) !== undefined
    );
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
