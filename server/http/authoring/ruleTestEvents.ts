import { fieldsInScope, type FieldCatalog, type IncidentEventType, type IncidentRecord } from '../../../rules';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { PagerDutyApiError, apiPath } from '../../vendors/pagerduty/client';
import { soqlString } from '../../vendors/salesforce/soql';
import { flattenIncident } from '../../pipeline/incidentRecord';
import { pagerDutyFailure, salesforceFailure } from '../views/vendorErrors';

/** Reads a Case by its number with every field the catalog knows (names come from the describe only). */
export async function readCaseByNumber(ctx: AppContext, catalog: FieldCatalog, caseNumber: string): Promise<Record<string, unknown>> {
  const names = new Set(['Id', 'CaseNumber', ...fieldsInScope(catalog, 'case').map((field) => field.name)]);
  const soql = `SELECT ${[...names].join(', ')} FROM Case WHERE CaseNumber = ${soqlString(caseNumber)} LIMIT 1`;
  let records: Record<string, unknown>[];
  try {
    records = await ctx.sessions.salesforce.run(async (connection) => (await connection.query<Record<string, unknown>>(soql)).records);
  } catch (error) {
    throw salesforceFailure(error, `reading Case ${caseNumber}`);
  }
  const found = records[0];
  if (!found) {
    throw new AppError('validation_failed', `No Case has the number ${caseNumber}`, {
      fields: [{ path: 'caseNumber', message: `No Case has the number ${caseNumber}` }],
    });
  }
  // The query's record metadata (type, URL) is not a field rules can read.
  const record = { ...found };
  delete record.attributes;
  return record;
}

/**
 * Reads an incident from PagerDuty by the number the UI shows ("41" or "#41") or by its id, and
 * flattens it as the sync engine does. PagerDuty's "Get an incident" takes either, so one call.
 * The event's agent is who last changed the incident's status, when that change is the tested
 * event's (an incident acknowledged on the web was acknowledged by someone); else no agent, as
 * when PagerDuty itself acts.
 */
export async function readIncident(ctx: AppContext, given: string, eventType: IncidentEventType): Promise<IncidentRecord> {
  const reference = given.trim().replace(/^#\s*/, '');
  let incident: Record<string, unknown>;
  try {
    const client = await ctx.sessions.pagerduty.client();
    incident = (await client.request<{ incident: Record<string, unknown> }>('GET', apiPath`/incidents/${reference}`)).body.incident;
  } catch (error) {
    if (error instanceof PagerDutyApiError && error.status === 404) {
      const message = `No PagerDuty incident has the number or id ${reference}`;
      throw new AppError('validation_failed', message, { fields: [{ path: 'sampleEvent.incidentId', message }] });
    }
    throw pagerDutyFailure(error, `reading incident ${reference}`);
  }
  const record = flattenIncident(incident);
  const changedBy = incident.last_status_change_by;
  if (STATUS_AFTER[eventType] === record.status && isUserReference(changedBy)) record.agent_name = changedBy.summary;
  return record;
}

function isUserReference(value: unknown): value is { type: string; summary: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { type, summary } = value as { type?: unknown; summary?: unknown };
  return (type === 'user_reference' || type === 'user') && typeof summary === 'string';
}

const STATUS_AFTER: Partial<Record<IncidentEventType, IncidentRecord['status']>> = {
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

/**
 * The built-in sample incident for "Test this rule" without a real one: plausible values for
 * every field, with the status the event kind implies, a note on incident.annotated and the
 * workflow on incident.workflow.* events.
 */
export function sampleIncident(eventType: IncidentEventType): IncidentRecord & Record<string, unknown> {
  const workflow = eventType === 'incident.workflow.started' || eventType === 'incident.workflow.completed';
  return {
    id: 'PSAMPLE',
    number: 1234,
    title: 'Sample: checkout errors above 5%',
    status: STATUS_AFTER[eventType] ?? 'triggered',
    urgency: 'high',
    priority_id: 'PSAMPLEP1',
    priority_name: 'P1',
    service_id: 'PSAMPLESVC',
    service_name: 'Sample Service',
    escalation_policy_id: 'PSAMPLEEP',
    escalation_policy_name: 'Sample Escalation Policy',
    assignee_ids: ['PSAMPLEUSER'],
    assignee_names: ['Sample Responder'],
    html_url: 'https://example.pagerduty.com/incidents/PSAMPLE',
    created_at: '2024-05-01T09:30:00Z',
    note_content: eventType === 'incident.annotated' ? 'Sample note: rolled back the last deploy' : null,
    agent_email: 'responder@example.com',
    agent_name: 'Sample Responder',
    responder_ids: ['PSAMPLEUSER2'],
    responder_names: ['Sample Subject Matter Expert'],
    status_update_message: 'Sample status update: a fix is being deployed',
    conference_number: '+1 555 0100,,1234#',
    conference_url: 'https://meet.example.com/sample',
    workflow_id: workflow ? 'PSAMPLEWF' : null,
    workflow_name: workflow ? 'Sample Major Incident Workflow' : null,
    'custom_fields.environment': 'production',
  };
}
