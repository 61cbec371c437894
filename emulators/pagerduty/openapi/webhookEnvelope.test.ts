import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oraclesPresent } from '../testing/oracles';
import { webhookExamplesDirectory } from './oracles/location';
import { validateWebhookData, validateWebhookPayload } from './webhookEnvelope';

const oracles = oraclesPresent("the v3 webhook payload suite (it reads PagerDuty's webhook examples)");

const read = (name: string): unknown => JSON.parse(readFileSync(`${webhookExamplesDirectory()}/${name}`, 'utf8'));
const files = oracles ? readdirSync(webhookExamplesDirectory()).filter((name) => name.endsWith('.json')) : [];

type Envelope = { event: Record<string, unknown> & { data: Record<string, unknown> } };

describe.runIf(oracles)('v3 webhook payloads', () => {
  it("finds PagerDuty's overview examples: two envelopes and the data objects", () => {
    expect(files).toContain('incident.priority_updated.json');
    expect(files).toContain('service.updated.json');
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('accepts the documented example %s', (name) => {
    const example = read(name) as Record<string, unknown>;
    const result = 'event' in example ? validateWebhookPayload(example) : validateWebhookData(example);
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('rejects an incident event with a wrong status, a missing title and an unknown envelope key, naming each path', () => {
    const envelope = read('incident.priority_updated.json') as Envelope;
    envelope.event.data.status = 'open';
    delete envelope.event.data.title;
    envelope.event.extra = true;
    const result = validateWebhookPayload(envelope);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toMatch(/^webhook payload \/event\/data\/status /);
    expect(result.errors[1]).toMatch(/^webhook payload \/event\/data\/title /);
    expect(result.errors[2]).toMatch(/^webhook payload \/event .*"extra"/);
  });

  it('requires occurred_at to be a date-time and event_type to belong to resource_type', () => {
    const envelope = read('service.updated.json') as Envelope;
    envelope.event.occurred_at = 'yesterday';
    envelope.event.event_type = 'incident.triggered';
    const result = validateWebhookPayload(envelope);
    expect(result.errors.some((error) => error.startsWith('webhook payload /event/occurred_at'))).toBe(true);
    expect(result.errors).toContain('webhook payload /event/event_type event_type must start with resource_type');
  });

  it('accepts agent and client null (system events) and rejects an agent that is not a reference', () => {
    const envelope = read('incident.priority_updated.json') as Envelope;
    envelope.event.agent = null;
    envelope.event.client = null;
    expect(validateWebhookPayload(envelope).valid).toBe(true);
    envelope.event.agent = { id: 'PUSR1', type: 'user' };
    expect(validateWebhookPayload(envelope).valid).toBe(false);
  });

  it('checks the data of responders, status updates, workflow instances, conference bridges and field values strictly', () => {
    const responder = read('incident_responder.json') as Record<string, unknown>;
    expect(validateWebhookData({ ...responder, state: 'maybe' }).valid).toBe(false);
    expect(validateWebhookData({ ...responder, escalation_policy: null }).valid).toBe(true);
    expect(validateWebhookData({ ...(read('incident_status_update.json') as object), extra: 1 }).valid).toBe(false);
    expect(validateWebhookData({ ...(read('incident_conference_bridge.json') as object), conference_numbers: ['+1'] }).valid).toBe(false);
    const values = read('incident_field_values.json') as { custom_fields: Record<string, unknown>[] };
    expect(validateWebhookData({ ...values, custom_fields: [{ ...values.custom_fields[0], value: { value: 'x' } }] }).valid).toBe(false);
    const { service: _service, ...withoutService } = read('incident_workflow_instance.json') as Record<string, unknown>;
    expect(validateWebhookData(withoutService).valid).toBe(false);
  });

  it('rejects what is not an envelope at all', () => {
    expect(validateWebhookPayload(null).valid).toBe(false);
    expect(validateWebhookPayload({ messages: [] }).valid).toBe(false);
  });
});
