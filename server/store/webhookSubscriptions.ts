import type { SecretBox } from '../security/secrets';
import { toDate, type Db } from './db';
import { WEBHOOK_TABLES } from './tables';

const TABLE = WEBHOOK_TABLES.subscriptions;

export type StoredSubscriptionState = 'enabled' | 'disabled' | 'missing' | 'unknown';

/** A webhook subscription the app provisioned in PagerDuty, as the app remembers it. */
export interface StoredWebhookSubscription {
  id: string;
  /** Null for the account-wide subscription. */
  serviceId: string | null;
  deliveryUrl: string;
  events: string[];
  state: StoredSubscriptionState;
  stateMessage: string | null;
  stateCheckedAt: Date | null;
  createdAt: Date;
}

/**
 * Row ⇄ domain for the provisioned subscriptions. The signing secret is sealed with the purpose
 * `webhook:<subscription id>`, so a ciphertext moved to another row does not open; it leaves
 * this class only through `secrets()`, for signature checks.
 */
export class WebhookSubscriptionStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async list(): Promise<StoredWebhookSubscription[]> {
    const rows = await this.db(TABLE).orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toSubscription);
  }

  async insert(subscription: Omit<StoredWebhookSubscription, 'createdAt' | 'stateMessage' | 'stateCheckedAt'> & { secret: string }): Promise<void> {
    const now = new Date();
    await this.db(TABLE).insert({
      id: subscription.id,
      service_id: subscription.serviceId,
      delivery_url: subscription.deliveryUrl,
      events: JSON.stringify(subscription.events),
      secret_sealed: this.box.seal(subscription.secret, purposeOf(subscription.id)),
      state: subscription.state,
      state_message: null,
      state_checked_at: now,
      created_at: now,
      updated_at: now,
    });
  }

  async setState(id: string, state: StoredSubscriptionState, message: string | null, extra: { deliveryUrl?: string; events?: string[] } = {}): Promise<void> {
    const now = new Date();
    await this.db(TABLE)
      .where({ id })
      .update({
        state,
        state_message: message?.slice(0, 500) ?? null,
        state_checked_at: now,
        updated_at: now,
        ...(extra.deliveryUrl ? { delivery_url: extra.deliveryUrl } : {}),
        ...(extra.events ? { events: JSON.stringify(extra.events) } : {}),
      });
  }

  async delete(id: string): Promise<void> {
    await this.db(TABLE).where({ id }).delete();
  }

  /** Every stored signing secret, decrypted; a secret that no longer opens is skipped (and reported). */
  async secrets(onUnreadable: (id: string, error: Error) => void): Promise<string[]> {
    const rows = await this.db(TABLE).select('id', 'secret_sealed');
    const secrets: string[] = [];
    for (const row of rows as { id: string; secret_sealed: string }[]) {
      try {
        secrets.push(this.box.open(row.secret_sealed, purposeOf(row.id)));
      } catch (error) {
        onUnreadable(row.id, error as Error);
      }
    }
    return secrets;
  }
}

function purposeOf(id: string): string {
  return `webhook:${id}`;
}

function toSubscription(row: Record<string, unknown>): StoredWebhookSubscription {
  return {
    id: row.id as string,
    serviceId: (row.service_id as string | null) ?? null,
    deliveryUrl: row.delivery_url as string,
    events: JSON.parse(row.events as string) as string[],
    state: row.state as StoredSubscriptionState,
    stateMessage: (row.state_message as string | null) ?? null,
    stateCheckedAt: row.state_checked_at == null ? null : toDate(row.state_checked_at),
    createdAt: toDate(row.created_at),
  };
}
