/**
 * PagerDuty v3 webhook payloads. The OpenAPI document describes the REST API only (its sole
 * webhook schemas are the retired v1 messages), so this schema was written from the examples of
 * PagerDuty's webhook overview (PagerDuty/developer-docs, docs/webhooks/01-Overview.md), kept in
 * ../shared/oracles/pagerduty/webhook-v3-examples/: the full envelopes
 * incident.priority_updated.json and service.updated.json and one `data` object per resource type.
 * Properties those examples show are typed; the envelope and the data of incidents, services,
 * responders, status updates, workflow instances, conference bridges and custom field values are
 * strict so a misspelt or invented field fails.
 */
import { z } from 'zod';
import type { ValidationResult } from './validator';

const nullableUrl = z.url().nullable();

const reference = z
  .object({
    id: z.string(),
    type: z.string().regex(/_reference$/, 'must be a *_reference type'),
    summary: z.string().nullable(),
    self: nullableUrl.optional(),
    html_url: nullableUrl.optional(),
  })
  .strict();

const dateTime = z.iso.datetime({ offset: true });

/** data of incident.* events whose data is the incident itself (incident.json). */
const incidentData = z
  .object({
    id: z.string(),
    type: z.literal('incident'),
    self: z.url(),
    html_url: z.url(),
    number: z.number().int().positive(),
    status: z.enum(['triggered', 'acknowledged', 'resolved']),
    incident_key: z.string().nullable(),
    created_at: dateTime,
    reopened_at: dateTime.nullable().optional(),
    title: z.string(),
    incident_type: z.object({ name: z.string() }).strict().optional(),
    service: reference,
    assignees: z.array(reference),
    escalation_policy: reference,
    teams: z.array(reference),
    priority: reference.nullable(),
    urgency: z.enum(['high', 'low']),
    conference_bridge: z.object({ conference_number: z.string().nullable(), conference_url: z.string().nullable() }).strict().nullable(),
    resolve_reason: z
      .object({ type: z.literal('merge_resolve_reason'), incident: reference })
      .strict()
      .nullable(),
  })
  .strict();

/** data of service.* events (service.json). */
const serviceData = z
  .object({
    id: z.string(),
    type: z.literal('service'),
    self: z.url(),
    html_url: z.url(),
    summary: z.string(),
    alert_creation: z.string(),
    teams: z.array(reference),
  })
  .strict();

/** data of incident.responder.added / replied (incident_responder.json); `escalation_policy` is null for a user asked directly. */
const responderData = z
  .object({
    incident: reference,
    user: reference,
    escalation_policy: reference.nullable(),
    message: z.string(),
    state: z.enum(['pending', 'joined', 'declined']),
    type: z.literal('incident_responder'),
  })
  .strict();

/** data of incident.status_update_published (incident_status_update.json). */
const statusUpdateData = z
  .object({ incident: reference, id: z.string(), message: z.string(), trimmed: z.boolean(), type: z.literal('incident_status_update') })
  .strict();

/** data of incident.workflow.started / completed (incident_workflow_instance.json). */
const workflowInstanceData = z
  .object({
    id: z.string(),
    type: z.literal('incident_workflow_instance'),
    summary: z.string(),
    incident_workflow: reference,
    workflow_trigger: reference,
    incident: reference,
    service: reference,
  })
  .strict();

/** data of incident.conference_bridge.updated (incident_conference_bridge.json). */
const conferenceBridgeData = z
  .object({
    incident: reference,
    conference_numbers: z.array(z.object({ label: z.string(), number: z.string() }).strict()),
    conference_url: z.string().nullable(),
    type: z.literal('incident_conference_bridge'),
  })
  .strict();

const fieldValue = z
  .object({
    data_type: z.enum(['string', 'integer', 'float', 'boolean', 'datetime', 'url']),
    field_type: z.enum(['single_value', 'single_value_fixed', 'multi_value', 'multi_value_fixed']),
    id: z.string(),
    name: z.string(),
    namespace: z.string(),
    type: z.literal('field_value'),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
  })
  .strict();

/** data of incident.custom_field_values.updated (incident_field_values.json). */
const fieldValuesData = z
  .object({ incident: reference, custom_fields: z.array(fieldValue), changed_custom_fields: z.array(fieldValue), type: z.literal('incident_field_values') })
  .strict();

/** Other resource types (notes, roles, tasks, …): their `type` names them. */
const otherData = z.looseObject({ type: z.string().min(1) });

const DATA_SCHEMAS: Record<string, z.ZodType> = {
  incident: incidentData,
  service: serviceData,
  incident_responder: responderData,
  incident_status_update: statusUpdateData,
  incident_workflow_instance: workflowInstanceData,
  incident_conference_bridge: conferenceBridgeData,
  incident_field_values: fieldValuesData,
};

const eventData = z.unknown().superRefine((data, context) => {
  const type = (data as { type?: unknown } | null)?.type;
  const schema = (typeof type === 'string' ? DATA_SCHEMAS[type] : undefined) ?? otherData;
  const parsed = schema.safeParse(data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

export const webhookEnvelopeSchema = z
  .object({
    event: z
      .object({
        id: z.string().min(1),
        event_type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must look like resource.action'),
        resource_type: z.string().min(1),
        occurred_at: dateTime,
        agent: reference.nullable(),
        client: z.object({ name: z.string() }).strict().nullable(),
        data: eventData,
      })
      .strict()
      .refine((event) => event.event_type.startsWith(`${event.resource_type}.`), {
        error: 'event_type must start with resource_type',
        path: ['event_type'],
      }),
  })
  .strict();

export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

/** Checks a parsed v3 webhook body; errors name the JSON path (`/event/data/status …`). */
export function validateWebhookPayload(payload: unknown): ValidationResult {
  const parsed = webhookEnvelopeSchema.safeParse(payload);
  if (parsed.success) return { valid: true, errors: [] };
  return {
    valid: false,
    errors: parsed.error.issues.map((issue) => `webhook payload /${issue.path.map(String).join('/')} ${issue.message}`),
  };
}

/** Checks one `data` object on its own, as the overview's per-resource examples show it. */
export function validateWebhookData(data: unknown): ValidationResult {
  const parsed = eventData.safeParse(data);
  if (parsed.success) return { valid: true, errors: [] };
  return {
    valid: false,
    errors: parsed.error.issues.map((issue) => `webhook data /${issue.path.map(String).join('/')} ${issue.message}`),
  };
}
