import { z } from 'zod';
import type { PagerDutyWebhookEvent } from '../pipeline/events';

/**
 * The v3 webhook envelope `{"event":{id, event_type, resource_type, occurred_at, agent, client,
 * data}}`. Only what intake relies on is required; PagerDuty adds fields over time, so unknown
 * keys inside `event` and its references are kept, not rejected.
 */
const reference = z.looseObject({ id: z.string().min(1), type: z.string().min(1) });

const envelopeSchema = z.strictObject({
  event: z.looseObject({
    id: z.string().min(1).max(100),
    event_type: z.string().min(1).max(60),
    resource_type: z.string().min(1).max(60),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: reference.nullable(),
    client: z.looseObject({ name: z.string() }).nullable().optional(),
    data: z.record(z.string(), z.unknown()),
  }),
});

const incidentData = z.looseObject({
  id: z.string().min(1).max(40),
  type: z.literal('incident'),
  number: z.number().int().optional(),
});

const noteData = z.looseObject({
  id: z.string().min(1),
  type: z.literal('incident_note'),
  incident: z.looseObject({ id: z.string().min(1).max(40) }),
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
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', message: `Not a PagerDuty v3 webhook: ${describe(envelope.error)}` };
  const event = envelope.data.event as PagerDutyWebhookEvent;
  if (event.event_type === 'pagey.ping') return { kind: 'ping', event };
  if (event.resource_type !== 'incident' || !event.event_type.startsWith('incident.')) return { kind: 'other', event };

  const occurredAt = new Date(event.occurred_at);
  if (event.event_type === 'incident.annotated') {
    const note = noteData.safeParse(event.data);
    if (!note.success) return { kind: 'invalid', message: `incident.annotated without its note: ${describe(note.error)}` };
    return { kind: 'incident', event, incidentId: note.data.incident.id, incidentNumber: null, occurredAt };
  }
  const incident = incidentData.safeParse(event.data);
  if (!incident.success) {
    if (event.data.type === 'incident') return { kind: 'invalid', message: `${event.event_type} with a malformed incident: ${describe(incident.error)}` };
    // incident.responder.added, incident.status_update_published…: the processor completes the
    // incident from its snapshot (or a REST read) and adds what the event says.
    const about = aboutIncidentData.safeParse(event.data);
    if (about.success) return { kind: 'incident', event, incidentId: about.data.incident.id, incidentNumber: null, occurredAt };
    return { kind: 'other', event };
  }
  const number = incident.data.number;
  return { kind: 'incident', event, incidentId: incident.data.id, incidentNumber: number === undefined ? null : String(number), occurredAt };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
