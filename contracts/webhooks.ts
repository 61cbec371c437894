/**
 * Contracts of the PagerDuty webhook endpoints: the app's own webhook subscriptions (state,
 * provision, repair) and on-demand reconciliation of open linked incidents. Pure (types only,
 * no Node imports), like api.ts. The inbound webhook's body (`POST /webhooks/pagerduty`) is
 * PagerDuty's contract, not ours: see server/http/postPagerDutyWebhook.ts; its reply is below.
 */
import { typeOnly, type EndpointGroup } from './endpoint';

/**
 * One subscription's state as PagerDuty reports it:
 * - `enabled`: active and delivering to this app;
 * - `disabled`: inactive, or disabled by PagerDuty after repeated failed deliveries, or
 *   delivering to another URL (Repair re-enables or re-points it);
 * - `missing`: deleted in PagerDuty (Repair re-creates it);
 * - `unknown`: PagerDuty could not be asked (see the message).
 */
export type WebhookSubscriptionState = 'enabled' | 'disabled' | 'missing' | 'unknown';

/** Overall state, as SUMMARY shows it. */
export type WebhookOverallState = 'not_provisioned' | 'enabled' | 'disabled' | 'unknown';

export interface WebhookSubscriptionView {
  /** PagerDuty's webhook subscription id. */
  id: string;
  scope: 'service' | 'account';
  /** The service of a service-scoped subscription; null when account-wide. */
  serviceId: string | null;
  serviceName: string | null;
  deliveryUrl: string;
  events: string[];
  state: WebhookSubscriptionState;
  /** One plain sentence: what the state means and what to do. */
  message: string;
  checkedAt: string | null;
  createdAt: string;
}

export interface WebhooksReply {
  state: WebhookOverallState;
  message: string;
  /** Where PagerDuty should deliver: `<public URL>/webhooks/pagerduty`. */
  deliveryUrl: string;
  /** The scopes the rules need now: service ids, or null for one account-wide subscription. */
  wantedServiceIds: (string | null)[];
  /** True when the rules now need other services or event types than the subscriptions cover: Provision again. */
  outOfDate: boolean;
  subscriptions: WebhookSubscriptionView[];
  checkedAt: string;
}

/** The answer to PagerDuty's delivery at POST /webhooks/pagerduty (any 2xx tells PagerDuty it arrived). */
export interface WebhookDeliveryReply {
  status: 'stored' | 'duplicate' | 'ignored' | 'pong';
}

/** What POST /api/sync/reconcile (and the periodic run) did. */
export interface ReconcileReply {
  /** False when another instance (or run) held the reconciliation lease. */
  ran: boolean;
  /** Why it did not run, or stopped early. */
  reason: 'lease_held' | 'not_configured' | 'budget_low' | null;
  /** Open linked incidents compared with PagerDuty. */
  checked: number;
  /** Synthetic events recorded for changes the webhooks missed. */
  recorded: number;
  /** PagerDuty requests made. */
  calls: number;
  events: { incidentId: string; kind: string; sourceEventId: string }[];
  startedAt: string;
  finishedAt: string;
}

/** The webhook subscription endpoints and on-demand reconciliation. */
export const webhookEndpoints = {
  getWebhooks: { method: 'GET', path: '/api/webhooks', access: 'admin', reply: typeOnly<WebhooksReply>() },
  provisionWebhooks: { method: 'POST', path: '/api/webhooks/provision', access: 'admin', reply: typeOnly<WebhooksReply>() },
  repairWebhooks: { method: 'POST', path: '/api/webhooks/repair', access: 'admin', reply: typeOnly<WebhooksReply>() },
  reconcileIncidents: { method: 'POST', path: '/api/sync/reconcile', access: 'admin', reply: typeOnly<ReconcileReply>() },
} as const satisfies EndpointGroup;
