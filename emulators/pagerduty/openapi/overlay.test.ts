import { beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApiDocument } from './document';
import { getAtPointer } from './jsonPointer';
import { applyOverlay, overlayCorrections } from './overlay';
import type { OverlayCorrection } from './overlay';
import { createOpenApiValidator } from './validator';
import type { OpenApiValidator, RequestExchange, ResponseExchange, ValidationResult } from './validator';
import { oraclesPresent } from '../testing/oracles';

const oracles = oraclesPresent("the overlay's suite (it reads PagerDuty's OpenAPI document)");

let official: OpenApiValidator;
let corrected: OpenApiValidator;
beforeAll(() => {
  if (!oracles) return;
  official = createOpenApiValidator({ corrections: [] });
  corrected = createOpenApiValidator();
});

const tested = new Set<string>();

/** The official document rejects the documented behaviour (naming `path`), the overlay accepts it. */
function correctionCase(id: string, check: () => { official: ValidationResult; corrected: ValidationResult }, path: string): void {
  tested.add(id);
  it(`${id}: the official document rejects ${path}, the overlay accepts it`, () => {
    const result = check();
    expect(result.official.valid).toBe(false);
    expect(result.official.errors.some((error) => error.includes(path))).toBe(true);
    expect(result.corrected).toEqual({ valid: true, operationId: result.corrected.operationId, errors: [] });
    expect(result.corrected.operationId).toEqual(expect.any(String));
  });
}

const response = (exchange: ResponseExchange) => ({
  official: official.validateResponse(exchange),
  corrected: corrected.validateResponse(exchange),
});
const request = (exchange: RequestExchange) => ({
  official: official.validateRequest(exchange),
  corrected: corrected.validateRequest(exchange),
});

const ref = (type: string, id: string) => ({
  id,
  type,
  summary: id,
  self: `https://api.pagerduty.com/x/${id}`,
  html_url: `https://acme.pagerduty.com/x/${id}`,
});

/** An incident with none of the corrected properties: valid for both documents. */
function incident(extra: Record<string, unknown> = {}) {
  return {
    incident: {
      ...ref('incident', 'Q1ABC'),
      incident_number: 1,
      title: 'Disk full',
      created_at: '2024-05-01T10:00:00Z',
      status: 'triggered',
      service: ref('service_reference', 'PSVC1'),
      assignments: [],
      escalation_policy: ref('escalation_policy_reference', 'PEP1'),
      urgency: 'high',
      ...extra,
    },
  };
}

function logEntries(entry: Record<string, unknown>) {
  return {
    log_entries: [{ ...ref('trigger_log_entry', 'R1'), created_at: '2024-05-01T10:00:00Z', incident: ref('incident_reference', 'Q1ABC'), ...entry }],
    limit: 25,
    offset: 0,
    more: false,
    total: null,
  };
}

const serviceExample = (
  oracles
    ? getAtPointer(loadOpenApiDocument(), '#/paths/~1services~1{id}/get/responses/200/content/application~1json/examples/response/value')
    : { service: {} }
) as { service: Record<string, unknown> };

describe.runIf(oracles)('the base fixtures', () => {
  it('are valid for both documents, so each case below isolates one correction', () => {
    for (const validator of [() => official, () => corrected]) {
      expect(validator().validateResponse({ method: 'GET', path: '/incidents/Q1ABC', status: 200, body: incident() }).errors).toEqual([]);
      expect(validator().validateResponse({ method: 'GET', path: '/services/PSVC1', status: 200, body: serviceExample }).errors).toEqual([]);
    }
  });
});

describe.runIf(oracles)('overlay corrections', () => {
  const getIncident = (body: unknown): ResponseExchange => ({ method: 'GET', path: '/incidents/Q1ABC', status: 200, body });

  correctionCase('incident-resolved-at-nullable', () => response(getIncident(incident({ resolved_at: null }))), '/incident/resolved_at');

  correctionCase(
    'incident-body-details-string',
    () =>
      request({
        method: 'POST',
        path: '/incidents',
        body: {
          incident: {
            type: 'incident',
            title: 'Disk full',
            service: { id: 'PSVC1', type: 'service_reference' },
            body: { type: 'incident_body', details: 'A disk is getting full on this machine.' },
          },
        },
      }),
    '/incident/body/details',
  );

  correctionCase('incident-alert-grouping-nullable', () => response(getIncident(incident({ alert_grouping: null }))), '/incident/alert_grouping');

  correctionCase(
    'incident-alert-grouping-ended-at-nullable',
    () =>
      response(
        getIncident(
          incident({ alert_grouping: { grouping_type: 'advanced', started_at: '2024-05-01T10:00:00Z', ended_at: null, alert_grouping_active: true } }),
        ),
      ),
    '/incident/alert_grouping/ended_at',
  );

  correctionCase('incident-resolve-reason-nullable', () => response(getIncident(incident({ resolve_reason: null }))), '/incident/resolve_reason');

  correctionCase(
    'log-entry-channel-discriminated-by-type',
    () => response({ method: 'GET', path: '/incidents/Q1ABC/log_entries', status: 200, body: logEntries({ channel: { type: 'api' } }) }),
    '/log_entries/0/channel',
  );

  it('log-entry-channel-discriminated-by-type: still rejects a channel type PagerDuty does not document', () => {
    const body = logEntries({ channel: { type: 'carrier_pigeon' } });
    expect(corrected.validateResponse({ method: 'GET', path: '/incidents/Q1ABC/log_entries', status: 200, body }).valid).toBe(false);
  });

  correctionCase(
    'acknowledge-log-entry-type',
    () =>
      response({
        method: 'GET',
        path: '/log_entries/R1',
        status: 200,
        body: { log_entry: { ...logEntries({}).log_entries[0], ...ref('acknowledge_log_entry', 'R1'), channel: { type: 'website' } } },
      }),
    '/log_entry',
  );

  correctionCase(
    'array-query-parameters',
    () => request({ method: 'GET', path: '/incidents?statuses[]=triggered&statuses[]=acknowledged&include[]=priorities&include[]=assignees' }),
    '/statuses[]',
  );

  it('array-query-parameters: still checks each value against the documented enum', () => {
    expect(corrected.validateRequest({ method: 'GET', path: '/incidents?statuses[]=triggered&statuses[]=snoozed' }).valid).toBe(false);
  });

  correctionCase(
    'service-timeouts-nullable',
    () =>
      response({
        method: 'GET',
        path: '/services/PSVC1',
        status: 200,
        body: { service: { ...serviceExample.service, auto_resolve_timeout: null, acknowledgement_timeout: null } },
      }),
    '/service/auto_resolve_timeout',
  );

  correctionCase(
    'update-incident-400',
    () =>
      response({
        method: 'PUT',
        path: '/incidents/Q1ABC',
        status: 400,
        body: { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Priority Not Found'] } },
      }),
    'status 400',
  );

  correctionCase(
    'webhook-subscription-error-bodies',
    () =>
      response({
        method: 'GET',
        path: '/webhook_subscriptions/PWEBH1',
        status: 404,
        body: { error: { message: 'Not Found', code: 2100 } },
      }),
    'response body must be empty for status 404',
  );

  it('webhook-subscription-error-bodies: still checks the shape of the error body', () => {
    const body = { error: { message: 'Not Found', code: 'not-found' } };
    expect(corrected.validateResponse({ method: 'GET', path: '/webhook_subscriptions/PWEBH1', status: 404, body }).errors).toEqual([
      'response body /error/code must be integer',
    ]);
  });

  const fieldValue = (value: unknown) => ({
    id: 'PFIELD1',
    type: 'field_value',
    name: 'customer_tier',
    display_name: 'Customer tier',
    description: null,
    data_type: 'string',
    field_type: 'single_value_fixed',
    value,
  });
  const values = (value: unknown): ResponseExchange => ({
    method: 'GET',
    path: '/incidents/Q1ABC/custom_fields/values',
    status: 200,
    body: { custom_fields: [fieldValue(value)] },
  });

  correctionCase('custom-field-values-scalar', () => response(values('Gold')), '/custom_fields/0/value');

  it('custom-field-values-scalar: accepts each data type and null once, and still refuses an object', () => {
    for (const value of [true, 1.5, 42, 'Gold', ['a', 'b'], '2026-12-07T10:00:00Z', 'https://acme.example.com', null]) {
      expect(corrected.validateResponse(values(value)).errors).toEqual([]);
    }
    expect(corrected.validateResponse(values({ value: 'Gold' })).valid).toBe(false);
  });

  correctionCase(
    'custom-field-value-by-name-or-id',
    () =>
      request({
        method: 'PUT',
        path: '/incidents/Q1ABC/custom_fields/values',
        body: { custom_fields: [{ name: 'customer_tier', value: 'Gold' }] },
      }),
    '/custom_fields/0',
  );

  correctionCase(
    'custom-field-write-requests',
    () =>
      request({
        method: 'POST',
        path: '/incidents/custom_fields',
        body: {
          field: {
            name: 'customer_tier',
            display_name: 'Customer tier',
            data_type: 'string',
            field_type: 'single_value_fixed',
            field_options: [{ data: { data_type: 'string', value: 'Gold' } }],
          },
        },
      }),
    "/field must have required property 'id'",
  );

  it('custom-field-write-requests: option requests need their data only, and still require it', () => {
    const option = (body: unknown) => corrected.validateRequest({ method: 'POST', path: '/incidents/custom_fields/PFIELD1/field_options', body });
    expect(option({ field_option: { data: { data_type: 'string', value: 'Gold' } } }).errors).toEqual([]);
    expect(option({ field_option: {} }).valid).toBe(false);
    expect(
      official.validateRequest({
        method: 'POST',
        path: '/incidents/custom_fields/PFIELD1/field_options',
        body: { field_option: { data: { data_type: 'string', value: 'Gold' } } },
      }).valid,
    ).toBe(false);
  });

  correctionCase(
    'set-incident-field-values-400',
    () =>
      response({
        method: 'PUT',
        path: '/incidents/Q1ABC/custom_fields/values',
        status: 400,
        body: { error: { message: 'Invalid Input Provided', code: 2001, errors: ['custom_fields.0: expected an integer'] } },
      }),
    'status 400',
  );

  correctionCase(
    'get-incident-workflow-200',
    () =>
      response({
        method: 'GET',
        path: '/incident_workflows/PWF1',
        status: 200,
        body: { incident_workflow: { id: 'PWF1', type: 'incident_workflow', name: 'Notify stakeholders', is_enabled: true } },
      }),
    'status 200',
  );

  const onCalls = (entry: Record<string, unknown>): ResponseExchange => ({
    method: 'GET',
    path: '/oncalls',
    status: 200,
    body: {
      oncalls: [{ escalation_policy: ref('escalation_policy_reference', 'PEP1'), escalation_level: 1, user: ref('user_reference', 'PUSR1'), ...entry }],
      limit: 25,
      offset: 0,
      more: false,
      total: null,
    },
  });

  correctionCase('oncall-permanent-nullable', () => response(onCalls({ schedule: null, start: null, end: null })), '/oncalls/0/start');

  correctionCase(
    'oncall-include-full-objects',
    () =>
      response(
        onCalls({
          user: { ...ref('user', 'PUSR1'), name: 'Ada Lovelace', email: 'ada@example.com' },
          escalation_policy: { ...ref('escalation_policy', 'PEP1'), name: 'Engineering Escalation', escalation_rules: [] },
        }),
      ),
    '/oncalls/0/user',
  );

  it('has a case above for every correction of the overlay', () => {
    expect([...tested].sort()).toEqual(overlayCorrections.map((correction) => correction.id).sort());
  });
});

describe.runIf(oracles)('applyOverlay', () => {
  it('applies every correction to the current document', () => {
    expect(() => applyOverlay(loadOpenApiDocument())).not.toThrow();
  });

  it('fails loudly when the document no longer holds what a correction expects', () => {
    const changed = loadOpenApiDocument();
    const schemas = changed.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    schemas.IncidentBody!.properties.details = { type: 'string' };
    expect(() => applyOverlay(changed)).toThrow(/incident-body-details-string: .*IncidentBody\/properties\/details\/type is "string", expected "object"/);
  });

  it('supports test, add, replace, remove and move, refusing to add over or remove what is missing', () => {
    const corrections: OverlayCorrection[] = [
      {
        id: 'exercise',
        justification: 'unit test',
        patch: [
          { op: 'add', path: '#/components/schemas/Scratch', value: { type: 'object', a: 1 } },
          { op: 'move', from: '#/components/schemas/Scratch/a', path: '#/components/schemas/Scratch/b' },
          { op: 'replace', path: '#/components/schemas/Scratch/type', value: 'string' },
          { op: 'test', path: '#/components/schemas/Scratch', value: { type: 'string', b: 1 } },
          { op: 'remove', path: '#/components/schemas/Scratch/b' },
        ],
      },
    ];
    const patched = applyOverlay(loadOpenApiDocument(), corrections);
    expect(patched.components.schemas?.Scratch).toEqual({ type: 'string' });
    const addTwice: OverlayCorrection = { id: 'twice', justification: '', patch: [{ op: 'add', path: '#/components/schemas/Incident', value: {} }] };
    expect(() => applyOverlay(loadOpenApiDocument(), [addTwice])).toThrow(/already exists/);
    const removeMissing: OverlayCorrection = { id: 'missing', justification: '', patch: [{ op: 'remove', path: '#/components/schemas/Nope' }] };
    expect(() => applyOverlay(loadOpenApiDocument(), [removeMissing])).toThrow(/does not exist/);
  });
});
