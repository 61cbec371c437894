/**
 * The connector watches itself: where it pages about its own problems (an Events API v2 routing
 * key, set on CONNECTIONS) and the alerts it has open, which SUMMARY shows.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';
import { secretStateSchema } from './secretState';

/** The problems the connector pages about, one alert (one `dedup_key`) each. */
export const selfAlertKinds = [
  'connection_pagerduty',
  'connection_salesforce',
  'connection_integration_user',
  'webhook_disabled',
  'jobs_dead',
  'cdc_replay_lost',
  'salesforce_api_allocation',
] as const;
export type SelfAlertKind = (typeof selfAlertKinds)[number];

export const selfAlertConnectionViewSchema = z
  .strictObject({
    /** A routing key is set: problems are paged. */
    configured: z.boolean(),
    eventsApiUrl: z.string(),
    routingKey: secretStateSchema,
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'SelfAlertConnectionView' });
export type SelfAlertConnectionView = z.infer<typeof selfAlertConnectionViewSchema>;

export const updateSelfAlertConnectionRequest = z
  .object({
    eventsApiUrl: z
      .url({ protocol: /^https?$/, error: 'Enter the Events API URL, e.g. https://events.pagerduty.com' })
      .max(500)
      .optional(),
    /** An Events API v2 integration key; "" stops paging (removes it); absent keeps it. */
    routingKey: z
      .string()
      .trim()
      .regex(/^([A-Za-z0-9]{32})?$/, 'Enter the 32-character Integration Key of an Events API v2 integration (PagerDuty › the service › Integrations)')
      .optional(),
  })
  .strict();
export type UpdateSelfAlertConnectionRequest = z.infer<typeof updateSelfAlertConnectionRequest>;

/** One problem SUMMARY shows, with whether PagerDuty has been told. */
export const selfAlertViewSchema = z
  .strictObject({
    kind: z.string(),
    summary: z.string(),
    openedAt: z.string(),
    /** `paged`: the Events API accepted the trigger; `pending`: not yet (no routing key, or retrying: see `lastError`). */
    delivery: z.enum(['paged', 'pending']),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .meta({ id: 'SelfAlertView' });
export type SelfAlertView = z.infer<typeof selfAlertViewSchema>;

export const selfAlertEndpoints = {
  getSelfAlertConnection: { method: 'GET', path: '/api/connections/self-alerts', access: 'admin', reply: selfAlertConnectionViewSchema },
  updateSelfAlertConnection: {
    method: 'PUT',
    path: '/api/connections/self-alerts',
    access: 'admin',
    body: updateSelfAlertConnectionRequest,
    reply: selfAlertConnectionViewSchema,
  },
} as const satisfies EndpointGroup;
