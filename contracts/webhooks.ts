/**
 * Contracts of the PagerDuty webhook endpoints: the app's own webhook subscriptions (state,
 * provision, repair) and on-demand reconciliation of open linked incidents. Pure (zod + types,
 * no Node imports), like api.ts. The inbound webhook's body (`POST /webhooks/pagerduty`) is
 * PagerDuty's contract, not ours: see server/http/postPagerDutyWebhook.ts; its reply is below.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

/**
 * One subscription's state as PagerDuty reports it:
 * - `enabled`: active and delivering to this app;
 * - `disabled`: inactive, or disabled by PagerDuty after repeated failed deliveries, or
 *   delivering to another URL (Repair re-enables or re-points it);
 * - `missing`: deleted in PagerDuty (Repair re-creates it);
 * - `unknown`: PagerDuty could not be asked (see the message).
 */
export const webhookSubscriptionStates = ['enabled', 'disabled', 'missing', 'unknown'] as const;
export type WebhookSubscriptionState = (typeof webhookSubscriptionStates)[number];

/** Overall state, as SUMMARY shows it. */
export const webhookOverallStates = ['not_provisioned', 'enabled', 'disabled', 'unknown'] as const;
export type WebhookOverallState = (typeof webhookOverallStates)[number];

export const webhookSubscriptionViewSchema = z
  .strictObject({
    /** PagerDuty's webhook subscription id. */
    id: z.string(),
    scope: z.enum(['service', 'account']),
    /** The service of a service-scoped subscription; null when account-wide. */
    serviceId: z.string().nullable(),
    serviceName: z.string().nullable(),
    deliveryUrl: z.string(),
    events: z.array(z.string()),
    state: z.enum(webhookSubscriptionStates),
    /** One plain sentence: what the state means and what to do. */
    message: z.string(),
    checkedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookSubscriptionView' });
export type WebhookSubscriptionView = z.infer<typeof webhookSubscriptionViewSchema>;

export const webhooksReplySchema = z
  .strictObject({
    state: z.enum(webhookOverallStates),
    message: z.string(),
    /** Where PagerDuty should deliver: `<public URL>/webhooks/pagerduty`. */
    deliveryUrl: z.string(),
    /** The scopes the rules need now: service ids, or null for one account-wide subscription. */
    wantedServiceIds: z.array(z.string().nullable()),
    /** True when the rules now need other services or event types than the subscriptions cover: Provision again. */
    outOfDate: z.boolean(),
    subscriptions: z.array(webhookSubscriptionViewSchema),
    checkedAt: z.string(),
  })
  .meta({ id: 'WebhooksReply' });
export type WebhooksReply = z.infer<typeof webhooksReplySchema>;

/** The answer to PagerDuty's delivery at POST /webhooks/pagerduty (any 2xx tells PagerDuty it arrived). */
export const webhookDeliveryReplySchema = z.strictObject({ status: z.enum(['stored', 'duplicate', 'ignored', 'pong']) }).meta({ id: 'WebhookDeliveryReply' });
export type WebhookDeliveryReply = z.infer<typeof webhookDeliveryReplySchema>;

/** What POST /api/sync/reconcile (and the periodic run) did. */
export const reconcileReplySchema = z
  .strictObject({
    /** False when another instance (or run) held the reconciliation lease. */
    ran: z.boolean(),
    /** Why it did not run, or stopped early. */
    reason: z.enum(['lease_held', 'not_configured', 'budget_low']).nullable(),
    /** Open linked incidents compared with PagerDuty. */
    checked: z.number().int(),
    /** Synthetic events recorded for changes the webhooks missed. */
    recorded: z.number().int(),
    /** PagerDuty requests made. */
    calls: z.number().int(),
    events: z.array(z.strictObject({ incidentId: z.string(), kind: z.string(), sourceEventId: z.string() })),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .meta({ id: 'ReconcileReply' });
export type ReconcileReply = z.infer<typeof reconcileReplySchema>;

/** The webhook subscription endpoints and on-demand reconciliation. */
export const webhookEndpoints = {
  getWebhooks: { method: 'GET', path: '/api/webhooks', access: 'admin', reply: webhooksReplySchema },
  provisionWebhooks: { method: 'POST', path: '/api/webhooks/provision', access: 'admin', reply: webhooksReplySchema },
  repairWebhooks: { method: 'POST', path: '/api/webhooks/repair', access: 'admin', reply: webhooksReplySchema },
  reconcileIncidents: { method: 'POST', path: '/api/sync/reconcile', access: 'admin', reply: reconcileReplySchema },
} as const satisfies EndpointGroup;
