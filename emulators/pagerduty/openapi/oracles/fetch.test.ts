import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oraclesPresent } from '../../testing/oracles';
import { extractWebhookExamples, fetchOracles } from './fetch';
import { oraclesDirectory } from './location';
import { pinnedSources, type OracleSources } from './pinned';

const sha256 = (content: string): string => createHash('sha256').update(content).digest('hex');

const documentText = JSON.stringify({ openapi: '3.0.2', paths: {}, components: {} });
const envelope = { event: { id: '01DEN3Q2', event_type: 'incident.priority_updated', data: { id: 'PGR0VU2' } } };
const overview = [
  '# Overview',
  '## Webhook Subscriptions',
  '```json',
  JSON.stringify({ webhook_subscription: { type: 'webhook_subscription' } }, null, 2),
  '```',
  '## Webhook Payload',
  '```json',
  JSON.stringify(envelope, null, 2),
  '```',
  '### incident_note',
  // Indented like PagerDuty's incident_role_assignment example: re-printed with two spaces.
  '```json',
  '{',
  '    "id": "P7E9AYN",',
  '    "content": "Hello"',
  '  }',
  '  ```',
].join('\n');
const noteText = JSON.stringify({ id: 'P7E9AYN', content: 'Hello' }, null, 2);

function sourcesFor(document: string, markdown: string): OracleSources {
  return {
    openApiDocument: {
      repository: 'PagerDuty/api-schema',
      commit: 'a'.repeat(40),
      path: 'reference/REST/openapiv3.json',
      sha256: sha256(document),
      file: 'openapiv3.json',
    },
    webhookOverview: {
      repository: 'PagerDuty/developer-docs',
      commit: 'b'.repeat(40),
      path: 'docs/webhooks/01-Overview.md',
      sha256: sha256(markdown),
      examples: [
        { file: 'webhook-v3-examples/incident.priority_updated.json', sha256: sha256(JSON.stringify(envelope, null, 2)) },
        { file: 'webhook-v3-examples/incident_note.json', sha256: sha256(noteText) },
      ],
    },
  };
}

let server: Server;
let baseUrl: string;
const served = new Map<string, string>();
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const body = served.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function serve(document: string, markdown: string): void {
  served.clear();
  served.set(`/PagerDuty/api-schema/${'a'.repeat(40)}/reference/REST/openapiv3.json`, document);
  served.set(`/PagerDuty/developer-docs/${'b'.repeat(40)}/docs/webhooks/01-Overview.md`, markdown);
}

const emptyTarget = () => path.join(mkdtempSync(path.join(tmpdir(), 'oracles-')), 'pagerduty');

describe('npm run oracles:fetch', () => {
  it('downloads the pinned files by raw.githubusercontent.com paths, checks them and writes them into the target folder', async () => {
    serve(documentText, overview);
    const target = emptyTarget();
    const written = await fetchOracles({ target, baseUrl, sources: sourcesFor(documentText, overview) });
    expect(written).toEqual(['openapiv3.json', 'webhook-v3-examples/incident.priority_updated.json', 'webhook-v3-examples/incident_note.json']);
    expect(requested).toContain(`/PagerDuty/api-schema/${'a'.repeat(40)}/reference/REST/openapiv3.json`);
    expect(readFileSync(path.join(target, 'openapiv3.json'), 'utf8')).toBe(documentText);
    expect(readFileSync(path.join(target, 'webhook-v3-examples/incident_note.json'), 'utf8')).toBe(noteText);
  });

  it('writes nothing when a download is not the pinned file', async () => {
    serve(`${documentText} `, overview);
    const target = emptyTarget();
    await expect(fetchOracles({ target, baseUrl, sources: sourcesFor(documentText, overview) })).rejects.toThrow(
      /openapiv3\.json has sha256 [0-9a-f]{64}, expected [0-9a-f]{64}: not the pinned file, nothing was written/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('writes nothing when an extracted example differs from its pinned sha256', async () => {
    serve(documentText, overview);
    const sources = sourcesFor(documentText, overview);
    sources.webhookOverview.examples[1] = { file: 'webhook-v3-examples/incident_note.json', sha256: sha256('something else') };
    const target = emptyTarget();
    await expect(fetchOracles({ target, baseUrl, sources })).rejects.toThrow(/incident_note\.json extracted with sha256/);
    expect(existsSync(target)).toBe(false);
  });

  it('fails on an answer other than 200', async () => {
    served.clear();
    await expect(fetchOracles({ target: emptyTarget(), baseUrl, sources: sourcesFor(documentText, overview) })).rejects.toThrow(/answered 404/);
  });

  it('names each example by its event type, its request or the heading above it', () => {
    expect([...extractWebhookExamples(overview).keys()]).toEqual([
      'webhook-subscription-create-request.json',
      'webhook-v3-examples/incident.priority_updated.json',
      'webhook-v3-examples/incident_note.json',
    ]);
  });
});

describe.runIf(oraclesPresent('the check of the pinned sha256 against the reference folder'))('the pinned sources', () => {
  it('match the files of the reference folder byte for byte', () => {
    const files = [pinnedSources.openApiDocument, ...pinnedSources.webhookOverview.examples];
    for (const { file, sha256: expected } of files) {
      expect({ file, sha256: sha256(readFileSync(path.join(oraclesDirectory(), file), 'utf8')) }).toEqual({ file, sha256: expected });
    }
  });
});
