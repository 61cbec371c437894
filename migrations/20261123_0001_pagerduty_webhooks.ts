import type { Knex } from 'knex';
import { WEBHOOK_TABLES } from '../server/store/tables';

/**
 * PagerDuty webhook intake: the subscriptions the app provisioned for itself (with the signing
 * secret, which PagerDuty shows only once, sealed with the app's SecretBox), and the delivery
 * ids (`X-Webhook-Id`) already accepted, so a redelivery is answered 200 without storing twice.
 * Portable across SQLite and PostgreSQL.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(WEBHOOK_TABLES.subscriptions, (table) => {
    /** PagerDuty's webhook subscription id. */
    table.string('id', 40).primary();
    /** The service of a `service_reference` filter; null for the account-wide subscription. */
    table.string('service_id', 40).nullable();
    table.string('delivery_url', 500).notNullable();
    /** JSON array of the subscribed event types. */
    table.text('events').notNullable();
    /** SecretBox ciphertext of the signing secret, purpose `webhook:<id>`. */
    table.text('secret_sealed').notNullable();
    /** enabled | disabled | missing | unknown: what PagerDuty said at `state_checked_at`. */
    table.string('state', 20).notNullable();
    table.string('state_message', 500).nullable();
    table.timestamp('state_checked_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable(WEBHOOK_TABLES.deliveries, (table) => {
    /** `X-Webhook-Id`: the same on every attempt of one delivery. */
    table.string('webhook_id', 100).primary();
    table.string('event_id', 100).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['received_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(WEBHOOK_TABLES.deliveries);
  await knex.schema.dropTableIfExists(WEBHOOK_TABLES.subscriptions);
}
