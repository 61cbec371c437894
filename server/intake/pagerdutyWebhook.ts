import { z } from 'zod';
import type { PagerDutyWebhookEvent } from '../pipeline/events';

/**
 * The v3 webhook envelope `{"event":{id, event_type, resource_type, occurred_at, agent, client,
 * data}}`. Only what intake relies on is required; PagerDuty adds fields over time, so unknown
 * keys inside `event` and its references are kept, not rejected.
 */
/**
 * PagerDuty's ids are uppercase letters and digits (`PGR0VU2`, log entries `Q0SDD3HB6SGFTI`).
 * The ids intake passes on (the incident's, the agent's) end up in REST paths (`GET
 * /incidents/{id}`, `GET /users/{id}`), so anything else is refused at the door, even signed.
 */
export const PAGERDUTY_ID = /^[A-Z0-9]{1,40}$/;
const pagerDutyId = z.string().regex(PAGERDUTY_ID, 'must be a PagerDuty id (uppercase letters and digits)');

/**
 * Containers (objects, arrays) nested deeper than this are refused before anything else reads
 * the body. PagerDuty's documented v3 payloads nest 5 deep; a signed body nested thousands deep
 * would otherwise overflow the recursive code that stores and renders it.
 */
export const MAX_WEBHOOK_NESTING = 32;

const reference = z.looseObject({ id: z.string().min(1), type: z.string().min(1) });

const envelopeSchema = z.strictObject({
  event: z.looseObject({
    id: z.string().min(1).max(100),
    event_type: z.string().min(1).max(60),
    resource_type: z.string().min(1).max(60),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: reference.extend({ id: pagerDutyId }).nullable(),
    client: z.looseObject({ name: z.string() }).nullable().optional(),
    data: z.record(z.string(), z.unknown()),
  }),
});

const incidentData = z.looseObject({
  id: pagerDutyId,
  type: z.literal('incident'),
  number: z.number().int().optional(),
});

const noteData = z.looseObject({
  id: z.string().min(1),
  type: z.literal('incident_note'),
  incident: z.looseObject({ id: pagerDutyId }),
});

/** `incident.custom_field_values.updated`: the incident by reference, with its fields' values. */
const fieldValuesData = z.looseObject({
  type: z.literal('incident_field_values'),
  incident: z.looseObject({ id: z.string().min(1).max(40) }),
  changed_custom_fields: z.array(z.looseObject({ id: z.string().min(1) })),
});

/**
 * Data about something on an incident (a responder, a status update, a workflow instance, a
 * conference bridge, custom field values): the incident is a reference inside it.
 */
const aboutIncidentData = z.looseObject({
  type: z.string().min(1),
  incident: z.looseObject({ id: z.string().min(1).max(40) }),
});

export type ParsedWebhook =
  | { kind: 'incident'; event: PagerDutyWebhookEvent; incidentId: string; incidentNumber: string | null; occurredAt: Date }
  | { kind: 'ping'; event: PagerDutyWebhookEvent }
  | { kind: 'other'; event: PagerDutyWebhookEvent }
  | { kind: 'invalid'; message: string };

/** Parses a signed body. `invalid` means it is not a v3 envelope (or an incident event without its incident). */
export function parseWebhookBody(raw: Buffer): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { kind: 'invalid', message: 'The webhook body is not valid JSON.' };
  }
  if (nestedDeeperThan(json, MAX_WEBHOOK_NESTING)) {
    return {
      kind: 'invalid',
      message: `The webhook body nests objects or arrays more than ${MAX_WEBHOOK_NESTING} levels deep; PagerDuty's payloads nest about 5.`,
    };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', message: `Not a PagerDuty v3 webhook: ${describe(envelope.error)}` };
  const event = envelope.data.event as PagerDutyWebhookEvent;
  if (event.event_type === 'pagey.ping') return { kind: 'ping', event };
  if (event.resource_type !== 'incident' || !event.event_type.startsWith('incident.')) return { kind: 'other', event };

  const occurredAt = new Date(event.occurred_at);
  if (event.event_type === 'incident.annotated') {
    const note = noteData.safeParse(event.data);
    if (!note.success) return { kind: 'invalid', message: `incident.annotated without its note: ${describe(note.error, 'event.data')}` };
    return { kind: 'incident', event, incidentId: note.data.incident.id, incidentNumber: null, occurredAt };
  }
  if (event.data.type === 'incident_field_values') {
    const values = fieldValuesData.safeParse(event.data);
    if (!values.success) return { kind: 'invalid', message: `${event.event_type} without its field values: ${describe(values.error)}` };
    return { kind: 'incident', event, incidentId: values.data.incident.id, incidentNumber: null, occurredAt };
  }
  const incident = incidentData.safeParse(event.data);
  if (!incident.success) {
    if (event.data.type === 'incident')
      return { kind: 'invalid', message: `${event.event_type} with a malformed incident: ${describe(incident.error, 'event.data')}` };
    // incident.responder.added, incident.status_update_published…: the processor completes the
    // incident from its snapshot (or a REST read) and adds what the event says.
    const about = aboutIncidentData.safeParse(event.data);
    if (about.success) return { kind: 'incident', event, incidentId: about.data.incident.id, incidentNumber: null, occurredAt };
    return { kind: 'other', event };
  }
  const number = incident.data.number;
  return { kind: 'incident', event, incidentId: incident.data.id, incidentNumber: number === undefined ? null : String(number), occurredAt };
}

/** The first issues, each with its field path from the body's root (`event.data.id: …`). */
function describe(error: z.ZodError, under?: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[...(under ? [under] : []), ...issue.path].join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

/** Whether objects and arrays nest more than `limit` levels; iterative, as the input may nest thousands of levels. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
