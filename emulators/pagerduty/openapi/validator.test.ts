import { beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from './validator';
import type { OpenApiValidator } from './validator';
import { oraclesPresent } from '../testing/oracles';

const oracles = oraclesPresent("the validator's suite (it reads PagerDuty's OpenAPI document)");

/** An incident as the emulator renders one right after POST /incidents. */
function triggeredIncident(): Record<string, unknown> {
  const ref = (type: string, id: string) => ({
    id,
    type,
    summary: id,
    self: `http://127.0.0.1:4020/${type.replace('_reference', 's')}/${id}`,
    html_url: `http://127.0.0.1:4020/console/${id}`,
  });
  return {
    id: 'Q1ABC',
    type: 'incident',
    summary: '[#1] Disk full',
    self: 'http://127.0.0.1:4020/incidents/Q1ABC',
    html_url: 'http://127.0.0.1:4020/console/incidents/Q1ABC',
    incident_number: 1,
    title: 'Disk full',
    created_at: '2024-05-01T10:00:00Z',
    updated_at: '2024-05-01T10:00:00Z',
    status: 'triggered',
    incident_key: '500Kx00000ABCDEF',
    service: ref('service_reference', 'PSVC1'),
    assignments: [{ at: '2024-05-01T10:00:00Z', assignee: ref('user_reference', 'PUSR1') }],
    assigned_via: 'escalation_policy',
    last_status_change_at: '2024-05-01T10:00:00Z',
    resolved_at: null,
    escalation_policy: ref('escalation_policy_reference', 'PEP1'),
    teams: [ref('team_reference', 'PTEAM1')],
    acknowledgements: [],
    alert_grouping: null,
    priority: ref('priority_reference', 'PPRI1'),
    resolve_reason: null,
    urgency: 'high',
  };
}

let validator: OpenApiValidator;
beforeAll(() => {
  if (oracles) validator = createOpenApiValidator();
});

describe.runIf(oracles)('operation lookup', () => {
  it('maps concrete paths to operations, literal segments first', () => {
    expect(validator.operation('GET', '/users/me')).toEqual({ operationId: 'getCurrentUser', template: '/users/me' });
    expect(validator.operation('get', '/users/PXPGF42')).toEqual({ operationId: 'getUser', template: '/users/{id}' });
    expect(validator.operation('POST', '/incidents/Q1ABC/notes?x=1')).toEqual({
      operationId: 'createIncidentNote',
      template: '/incidents/{id}/notes',
    });
  });

  it('answers undefined, and invalid results with a clear error, for unknown paths and methods', () => {
    expect(validator.operation('GET', '/no/such/thing')).toBeUndefined();
    expect(validator.validateResponse({ method: 'GET', path: '/no/such/thing', status: 200, body: {} })).toEqual({
      valid: false,
      errors: ['/no/such/thing matches no path of the PagerDuty OpenAPI document'],
    });
    const wrongMethod = validator.validateRequest({ method: 'DELETE', path: '/incidents/Q1ABC' });
    expect(wrongMethod.valid).toBe(false);
    expect(wrongMethod.errors).toEqual(['DELETE is not an operation of /incidents/{id} (the document defines GET, PUT)']);
  });
});

describe.runIf(oracles)('validateResponse', () => {
  it('accepts a well-formed incident', () => {
    const result = validator.validateResponse({
      method: 'GET',
      path: '/incidents/Q1ABC',
      status: 200,
      body: { incident: triggeredIncident() },
      contentType: 'application/json; charset=utf-8',
    });
    expect(result).toEqual({ valid: true, operationId: 'getIncident', errors: [] });
  });

  it('names the JSON path of a missing required property', () => {
    const incident = triggeredIncident();
    incident.assignments = [{ assignee: (incident.assignments as Array<{ assignee: unknown }>)[0]?.assignee }];
    const result = validator.validateResponse({ method: 'GET', path: '/incidents/Q1ABC', status: 200, body: { incident } });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(["response body /incident/assignments/0 must have required property 'at'"]);
    expect(validator.validateResponse({ method: 'GET', path: '/incidents/Q1ABC', status: 200, body: {} }).errors).toEqual([
      "response body must have required property 'incident'",
    ]);
  });

  it('names the JSON path of a property of the wrong type or value', () => {
    const incident = { ...triggeredIncident(), incident_number: '1', urgency: 'urgent' };
    const result = validator.validateResponse({ method: 'GET', path: '/incidents/Q1ABC', status: 200, body: { incident } });
    expect(result.errors).toEqual([
      'response body /incident/incident_number must be integer',
      'response body /incident/urgency must be equal to one of the allowed values: "high", "low"',
    ]);
  });

  it('checks list envelopes item by item', () => {
    const body = { incidents: [triggeredIncident(), { ...triggeredIncident(), status: 'open' }], limit: 25, offset: 0, more: false, total: null };
    const result = validator.validateResponse({ method: 'GET', path: '/incidents?limit=25', status: 200, body });
    expect(result.errors).toEqual(['response body /incidents/1/status must be equal to one of the allowed values: "triggered", "acknowledged", "resolved"']);
  });

  it('requires 204 responses to have no body', () => {
    const exchange = { method: 'DELETE', path: '/webhook_subscriptions/PWEBH1', status: 204 };
    expect(validator.validateResponse({ ...exchange, body: undefined }).valid).toBe(true);
    expect(validator.validateResponse({ ...exchange, body: '' }).valid).toBe(true);
    const withBody = validator.validateResponse({ ...exchange, body: { ok: true } });
    expect(withBody.valid).toBe(false);
    expect(withBody.errors[0]).toMatch(/response body must be empty for status 204/);
  });

  it('validates error statuses against the error body of components.responses', () => {
    const notFound = { error: { message: 'Not Found', code: 2100, errors: ['Incident Not Found'] } };
    expect(validator.validateResponse({ method: 'GET', path: '/incidents/NOPE', status: 404, body: notFound }).valid).toBe(true);
    const malformed = { error: { message: 'Not Found', code: '2100', errors: 'Incident Not Found' } };
    expect(validator.validateResponse({ method: 'GET', path: '/incidents/NOPE', status: 404, body: malformed }).errors).toEqual([
      'response body /error/code must be integer',
      'response body /error/errors must be array',
    ]);
  });

  it('rejects statuses the operation does not document, bodies that are missing and non-JSON content', () => {
    const teapot = validator.validateResponse({ method: 'GET', path: '/incidents/Q1', status: 418, body: {} });
    expect(teapot.errors[0]).toMatch(/^status 418 is not a documented response of getIncident \(documented: 200, .*\)$/);
    expect(validator.validateResponse({ method: 'GET', path: '/incidents/Q1', status: 200, body: undefined }).valid).toBe(false);
    const html = validator.validateResponse({
      method: 'GET',
      path: '/incidents/Q1',
      status: 200,
      body: { incident: triggeredIncident() },
      contentType: 'text/html',
    });
    expect(html.errors).toEqual(['response content type text/html is not JSON (declared: application/json)']);
  });
});

describe.runIf(oracles)('validateRequest', () => {
  const headers = {
    Authorization: 'Token token=y_NbAkKc66ryYTWUXYEu',
    Accept: 'application/vnd.pagerduty+json;version=2',
    'Content-Type': 'application/json',
    From: 'responder@example.com',
  };

  it('accepts a documented incident create, whose readOnly properties are not required', () => {
    const body = {
      incident: {
        type: 'incident',
        title: 'Disk full',
        service: { id: 'PSVC1', type: 'service_reference' },
        urgency: 'high',
        incident_key: '500Kx00000ABCDEF',
        body: { type: 'incident_body', details: 'Case 00001026: disk is full' },
      },
    };
    expect(validator.validateRequest({ method: 'POST', path: '/incidents', headers, body })).toEqual({
      valid: true,
      operationId: 'createIncident',
      errors: [],
    });
  });

  it('requires the From header where the document does, case-insensitively, as an email', () => {
    const body = { incident: { type: 'incident_reference', status: 'acknowledged' } };
    const { From: _from, ...withoutFrom } = headers;
    expect(validator.validateRequest({ method: 'PUT', path: '/incidents/Q1ABC', headers: withoutFrom, body }).errors).toEqual([
      "header parameters must have required property 'from'",
    ]);
    expect(validator.validateRequest({ method: 'PUT', path: '/incidents/Q1ABC', headers: { ...withoutFrom, from: 'a@b.co' }, body }).valid).toBe(true);
    const malformed = validator.validateRequest({ method: 'PUT', path: '/incidents/Q1ABC', headers: { ...headers, From: 'nobody' }, body });
    expect(malformed.errors).toEqual(['header parameters /from must be a email (must match format "email")']);
  });

  it('requires the API key of the security scheme when headers are given', () => {
    const { Authorization: _key, ...withoutKey } = headers;
    expect(validator.validateRequest({ method: 'GET', path: '/incidents', headers: withoutKey }).errors).toEqual([
      'header Authorization is required by the api_key security scheme (Token token=<API_KEY>)',
    ]);
  });

  it('coerces and checks query parameters, from the path or the query object', () => {
    expect(validator.validateRequest({ method: 'GET', path: '/incidents?limit=10&statuses[]=triggered&statuses[]=acknowledged' }).valid).toBe(true);
    expect(validator.validateRequest({ method: 'GET', path: '/incidents', query: { 'statuses[]': 'resolved', total: 'true' } }).valid).toBe(true);
    expect(validator.validateRequest({ method: 'GET', path: '/incidents?limit=ten' }).errors).toEqual(['query parameters /limit must be integer']);
    expect(validator.validateRequest({ method: 'GET', path: '/incidents', query: { 'statuses[]': ['open'] } }).valid).toBe(false);
  });

  it('checks request bodies and their presence', () => {
    expect(validator.validateRequest({ method: 'POST', path: '/incidents/Q1ABC/notes', headers, body: { note: {} } }).errors).toEqual([
      "request body /note must have required property 'content'",
    ]);
    expect(validator.validateRequest({ method: 'GET', path: '/incidents/Q1ABC', body: { x: 1 } }).errors).toEqual([
      'request body is not accepted by getIncident, which declares none',
    ]);
    const update = { incident: { type: 'incident_reference', status: 'snoozed' } };
    expect(validator.validateRequest({ method: 'PUT', path: '/incidents/Q1ABC', headers, body: update }).errors).toEqual([
      'request body /incident/status must be equal to one of the allowed values: "resolved", "acknowledged", "triggered"',
    ]);
  });
});
