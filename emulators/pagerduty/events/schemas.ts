import { z } from 'zod';

/**
 * The Events API v2 alert event (`POST /v2/enqueue`), as PagerDuty's "Send an Alert Event" page
 * and its events-v2 OpenAPI document declare it: `routing_key` and `event_action` always;
 * `payload` with `summary` (≤ 1024), `source` and `severity` for a trigger; `dedup_key` (≤ 255)
 * for acknowledge and resolve. Unknown top-level fields are ignored, as PagerDuty ignores them.
 */

const link = z.object({ href: z.string().min(1), text: z.string().optional() });
const image = z.object({ src: z.string().min(1), href: z.string().optional(), alt: z.string().optional() });

export const alertSeverities = ['critical', 'error', 'warning', 'info'] as const;
export const eventActions = ['trigger', 'acknowledge', 'resolve'] as const;

const payload = z.object({
  summary: z.string().max(1024),
  source: z.string(),
  severity: z.enum(alertSeverities),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  component: z.string().optional(),
  group: z.string().optional(),
  class: z.string().optional(),
  custom_details: z.record(z.string(), z.unknown()).optional(),
});

export const alertEventBody = z.object({
  routing_key: z.string(),
  event_action: z.enum(eventActions),
  dedup_key: z.string().max(255).optional(),
  payload: payload.optional(),
  client: z.string().optional(),
  client_url: z.string().optional(),
  links: z.array(link).optional(),
  images: z.array(image).optional(),
});
export type AlertEvent = z.infer<typeof alertEventBody>;

/** PagerDuty's wording for a missing field: `'payload.summary' is missing or blank`. */
export function describeEventIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'invalid_type' && issue.input === undefined) return `'${path}' is missing or blank`;
    return `'${path}' is invalid: ${issue.message}`;
  });
}
