import { z } from 'zod';

/**
 * Request bodies of the incident endpoints, as openapiv3.json declares them. Strict: a field
 * PagerDuty does not know is a 400 here rather than silently ignored, so client bugs surface.
 */

const reference = (type: string) =>
  z
    .object({
      id: z.string().min(1),
      type: z.literal(type),
      summary: z.string().nullish(),
      self: z.string().nullish(),
      html_url: z.string().nullish(),
    })
    .strict();

export const userReference = reference('user_reference');
export const incidentReference = z
  .object({
    id: z.string().min(1),
    type: z.enum(['incident_reference', 'incident']),
    summary: z.string().nullish(),
    self: z.string().nullish(),
    html_url: z.string().nullish(),
  })
  .strict();

const assignment = z.object({ assignee: userReference }).strict();
const conferenceBridge = z.object({ conference_number: z.string().optional(), conference_url: z.string().optional() }).strict();
const incidentType = z.object({ name: z.string().min(1) }).strict();

export const createIncidentBody = z
  .object({
    incident: z
      .object({
        type: z.literal('incident'),
        title: z.string().trim().min(1).max(1024),
        service: reference('service_reference'),
        priority: reference('priority_reference').optional(),
        urgency: z.enum(['high', 'low']).optional(),
        body: z
          .object({
            type: z.literal('incident_body'),
            // PagerDuty documents and answers `details` as a string (the schema's object is wrong).
            details: z.string().max(65_536).optional(),
          })
          .strict()
          .optional(),
        incident_key: z.string().min(1).max(255).optional(),
        assignments: z.array(assignment).min(1).max(10).optional(),
        incident_type: incidentType.optional(),
        escalation_policy: reference('escalation_policy_reference').optional(),
        conference_bridge: conferenceBridge.optional(),
      })
      .strict(),
  })
  .strict();

export type CreateIncidentInput = z.infer<typeof createIncidentBody>['incident'];

const priorityInput = z.union([
  z
    .object({
      id: z.string().min(1),
      type: z.enum(['priority', 'priority_reference']),
      name: z.string().optional(),
      summary: z.string().nullish(),
      self: z.string().nullish(),
      html_url: z.string().nullish(),
    })
    .strict(),
  z.string().min(1),
]);

const updateFields = {
  type: z.enum(['incident', 'incident_reference']),
  status: z.enum(['resolved', 'acknowledged', 'triggered']).optional(),
  priority: priorityInput.optional(),
  resolution: z.string().max(65_536).optional(),
  title: z.string().trim().min(1).max(1024).optional(),
  escalation_level: z.number().int().min(1).optional(),
  assignments: z.array(assignment).min(1).max(10).optional(),
  incident_type: incidentType.optional(),
  escalation_policy: reference('escalation_policy_reference').optional(),
  urgency: z.enum(['high', 'low']).optional(),
  conference_bridge: conferenceBridge.optional(),
};

export const updateIncidentBody = z.object({ incident: z.object(updateFields).strict() }).strict();
export type UpdateIncidentInput = Omit<z.infer<typeof updateIncidentBody>['incident'], 'type'>;

export const bulkUpdateIncidentsBody = z
  .object({
    incidents: z
      .array(z.object({ id: z.string().min(1), ...updateFields }).strict())
      .min(1)
      .max(250),
  })
  .strict();

export const createNoteBody = z.object({ note: z.object({ content: z.string().trim().min(1).max(25_000) }).strict() }).strict();

/** `POST /incidents/{id}/snooze`: seconds, at most a week (openapiv3.json). */
export const snoozeIncidentBody = z.object({ duration: z.number().int().min(1).max(604_800) }).strict();

export const mergeIncidentsBody = z.object({ source_incidents: z.array(incidentReference).min(1).max(100) }).strict();

/** Zod issues as PagerDuty-style `errors` strings: `incident.title: Too small …`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
