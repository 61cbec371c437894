import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenApiValidator } from './validator';

/** A tiny OpenAPI 3.0 document exercising each dialect rule on its own. */
const document = {
  openapi: '3.0.2',
  info: { title: 'dialect', version: '1' },
  security: [{ api_key: [] }],
  components: {
    securitySchemes: { api_key: { type: 'apiKey', name: 'Authorization', in: 'header' } },
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', readOnly: true },
          secret: { type: 'string', writeOnly: true },
          name: { type: 'string', example: 'ignored annotation' },
          closed_at: { type: 'string', format: 'date-time', nullable: true },
          state: { type: 'string', enum: ['open', 'closed'], nullable: true },
          owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
          link: { type: 'string', format: 'url' },
          zone: { type: 'string', format: 'tzinfo' },
          count: { type: 'integer', minimum: 0, exclusiveMinimum: true },
        },
        required: ['id', 'secret', 'name'],
        discriminator: { propertyName: 'name' },
        'x-vendor': true,
      },
      Owner: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    },
  },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
      },
    },
  },
};

const directory = mkdtempSync(join(tmpdir(), 'openapi-dialect-'));
const documentPath = join(directory, 'openapi.json');
writeFileSync(documentPath, JSON.stringify(document));
const validator = createOpenApiValidator({ documentPath, corrections: [] });

const respond = (body: unknown) => validator.validateResponse({ method: 'POST', path: '/things', status: 201, body });
const send = (body: unknown) => validator.validateRequest({ method: 'POST', path: '/things', body });

describe('OpenAPI 3.0 dialect', () => {
  it('does not require readOnly properties in requests, but does in responses', () => {
    expect(send({ name: 'a', secret: 's' }).valid).toBe(true);
    expect(respond({ name: 'a' }).errors).toEqual(["response body must have required property 'id'"]);
  });

  it('does not require writeOnly properties in responses, but does in requests', () => {
    expect(respond({ id: 'T1', name: 'a' }).valid).toBe(true);
    expect(send({ name: 'a' }).errors).toEqual(["request body must have required property 'secret'"]);
  });

  it('accepts null for nullable properties, with or without a type, and nothing else', () => {
    expect(respond({ id: 'T1', name: 'a', closed_at: null, state: null, owner: null }).valid).toBe(true);
    expect(respond({ id: 'T1', name: 'a', owner: { id: 'U1' } }).valid).toBe(true);
    expect(respond({ id: 'T1', name: 'a', owner: {} }).valid).toBe(false);
    expect(respond({ id: 'T1', name: 'a', closed_at: 7 }).errors).toContain('response body /closed_at must be string,null');
    expect(respond({ id: 'T1', name: null }).errors).toContain('response body /name must be string');
  });

  it('still checks formats and enums of nullable properties', () => {
    expect(respond({ id: 'T1', name: 'a', closed_at: 'yesterday' }).valid).toBe(false);
    expect(respond({ id: 'T1', name: 'a', state: 'lost' }).valid).toBe(false);
  });

  it("checks PagerDuty's url format as an absolute URL and accepts its annotation formats", () => {
    expect(respond({ id: 'T1', name: 'a', link: 'http://127.0.0.1:4020/things/T1', zone: 'Europe/Paris' }).valid).toBe(true);
    expect(respond({ id: 'T1', name: 'a', link: '/things/T1' }).valid).toBe(false);
  });

  it('reads the boolean exclusiveMinimum of OpenAPI 3.0', () => {
    expect(respond({ id: 'T1', name: 'a', count: 1 }).valid).toBe(true);
    expect(respond({ id: 'T1', name: 'a', count: 0 }).valid).toBe(false);
  });
});
