import type { Db } from './db';
import { WEBHOOK_TABLES } from './tables';

const TABLE = WEBHOOK_TABLES.deliveries;
/** PagerDuty retries one delivery for about 20 minutes; a week of ids is plenty. */
const KEEP_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY = 500;

/**
 * The `X-Webhook-Id`s already accepted. Checked before storing an event and written after it is
 * in the inbox: a crash between the two is covered by the inbox's own dedup on the event id.
 */
export class WebhookDeliveryLog {
  #sinceLastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seen(webhookId: string): Promise<boolean> {
    return (await this.db(TABLE).where({ webhook_id: webhookId.slice(0, 100) }).first('webhook_id')) !== undefined;
  }

  async remember(webhookId: string, eventId: string): Promise<void> {
    await this.db(TABLE)
      .insert({ webhook_id: webhookId.slice(0, 100), event_id: eventId.slice(0, 100), received_at: this.now() })
      .onConflict('webhook_id')
      .ignore();
    this.#sinceLastPrune += 1;
    if (this.#sinceLastPrune >= PRUNE_EVERY) {
      this.#sinceLastPrune = 0;
      await this.prune();
    }
  }

  async prune(): Promise<number> {
    return this.db(TABLE)
      .where('received_at', '<', new Date(this.now().getTime() - KEEP_MS))
      .delete();
  }
}
