/**
 * The connector watches itself: where it pages about its own problems (an Events API v2 routing
 * key, set on CONNECTIONS) and the alerts it has open, which SUMMARY shows.
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';

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

export interface SelfAlertConnectionView {
  /** A routing key is set: problems are paged. */
  configured: boolean;
  eventsApiUrl: string;
  /** api.ts's SecretState (not imported: api.ts imports this file for SUMMARY's reply). */
  routingKey: { set: boolean; hint?: string };
  updatedAt: string | null;
}

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
export interface SelfAlertView {
  kind: string;
  summary: string;
  openedAt: string;
  /** `paged`: the Events API accepted the trigger; `pending`: not yet (no routing key, or retrying: see `lastError`). */
  delivery: 'paged' | 'pending';
  lastError: string | null;
  nextAttemptAt: string | null;
}

export const selfAlertEndpoints = {
  getSelfAlertConnection: { method: 'GET', path: '/api/connections/self-alerts', access: 'admin', reply: typeOnly<SelfAlertConnectionView>() },
  updateSelfAlertConnection: {
    method: 'PUT',
    path: '/api/connections/self-alerts',
    access: 'admin',
    body: updateSelfAlertConnectionRequest,
    reply: typeOnly<SelfAlertConnectionView>(),
  },
} as const satisfies EndpointGroup;
