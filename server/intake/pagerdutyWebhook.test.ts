import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookExamplesDirectory } from '../../emulators/pagerduty/openapi/oracles/location';
import { oraclesPresent } from '../../emulators/pagerduty/testing/oracles';
import { parseWebhookBody } from './pagerdutyWebhook';

/**
 * PagerDuty's own webhook v3 payload examples (the `data` of each event), found through
 * PAGERDUTY_ORACLES_DIR; the tests that read them skip in a bare clone (one line says how to get
 * them) and fail under CI=true.
 */
const haveExamples = oraclesPresent("PagerDuty's webhook examples");

function example(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(webhookExamplesDirectory(), `${name}.json`), 'utf8')) as Record<string, unknown>;
}

describe('parseWebhookBody', () => {
  it.skipIf(!haveExamples)('intake takes events about something on an incident, by the incident they reference', () => {
    for (const [eventType, name] of [
      ['incident.responder.added', 'incident_responder'],
      ['incident.status_update_published', 'incident_status_update'],
      ['incident.workflow.started', 'incident_workflow_instance'],
      ['incident.conference_bridge.updated', 'incident_conference_bridge'],
      ['incident.custom_field_values.updated', 'incident_field_values'],
    ] as const) {
      const data = example(name);
      const body = { event: { id: `E-${name}`, event_type: eventType, resource_type: 'incident', occurred_at: '2026-12-07T10:00:00Z', agent: null, data } };
      const parsed = parseWebhookBody(Buffer.from(JSON.stringify(body)));
      expect(parsed).toMatchObject({ kind: 'incident', incidentId: (data.incident as { id: string }).id, incidentNumber: null });
    }
  });
});
