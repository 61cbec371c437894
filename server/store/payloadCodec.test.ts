import { describe, expect, it } from 'vitest';
import type { Executor } from './db';
import { decodeStoredPayload, encodeStoredPayload, parseStoredPayload } from './payloadCodec';

// The codec asks the store only which engine it is (knex's config); no connection is needed here.
const sqlite = { client: { config: { client: 'better-sqlite3' } } } as unknown as Executor;
const postgres = { client: { config: { client: 'pg' } } } as unknown as Executor;

const reference = (type: string, path: string, id: string, summary: string) => ({
  html_url: `https://acme.pagerduty.com/${path}/${id}`,
  id,
  self: `https://api.pagerduty.com/${path}/${id}`,
  summary,
  type,
});

/** A PagerDuty V3 webhook event as the inbox stores it (incident.acknowledged). */
const webhook = {
  id: '01DEN3WQ2J5VKYVS8D9DXHS1MR',
  event_type: 'incident.acknowledged',
  resource_type: 'incident',
  occurred_at: '2026-12-07T10:11:12.345Z',
  agent: reference('user_reference', 'users', 'PLH1HKV', 'Tenex Engineer'),
  client: null,
  data: {
    id: 'PGR0VU2',
    type: 'incident',
    self: 'https://api.pagerduty.com/incidents/PGR0VU2',
    html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
    number: 2,
    status: 'acknowledged',
    incident_key: '500000000000042AAA',
    created_at: '2026-12-07T10:01:02Z',
    title: 'Checkout fails for customer 00001042',
    service: reference('service_reference', 'services', 'PF9KMXH', 'API Service'),
    assignees: [reference('user_reference', 'users', 'PTUXL6G', 'User 123')],
    escalation_policy: reference('escalation_policy_reference', 'escalation_policies', 'PUS0KTE', 'Default'),
    teams: [reference('team_reference', 'teams', 'PFCVPS0', 'Engineering')],
    priority: reference('priority_reference', 'priorities', 'PSO75BM', 'P1'),
    urgency: 'high',
    conference_bridge: { conference_number: '+1 415-555-1212,,,,1234#', conference_url: 'https://example.com' },
    resolve_reason: null,
  },
};

/** A Salesforce Case change (CDC) as intake stores it. */
const caseChange = {
  caseId: '500000000000042AAA',
  changeType: 'UPDATE',
  changedFields: ['Status', 'Priority', 'LastModifiedById', 'SystemModstamp'],
  commitUser: '005000000000007AAA',
  replayId: 918273,
  transactionKey: '0002a1b2-c3d4-918273',
  fields: {
    CaseNumber: '00001042',
    Subject: 'Checkout fails with a 502 for customer 00001042',
    Description: 'Since 09:40 every checkout of this customer ends with a gateway error.',
    Status: 'Working',
    Priority: 'High',
    Origin: 'Web',
    OwnerId: '005000000000001AAA',
    AccountId: '001000000000042AAA',
    ContactId: '003000000000042AAA',
    LastModifiedById: '005000000000007AAA',
    SystemModstamp: '2026-12-07T10:11:12.000Z',
  },
};

const size = (stored: string | Buffer) => (typeof stored === 'string' ? Buffer.byteLength(stored) : stored.length);

describe('inbox payload codec', () => {
  it.each([
    ['a PagerDuty webhook', webhook],
    ['a Salesforce Case change', caseChange],
  ])('stores %s on SQLite as a blob less than half the JSON, and reads back the same text', (_, payload) => {
    const json = JSON.stringify(payload);
    const stored = encodeStoredPayload(json, sqlite);
    expect(Buffer.isBuffer(stored)).toBe(true);
    expect(size(stored)).toBeLessThan(Buffer.byteLength(json) / 2);
    expect(decodeStoredPayload(stored)).toBe(json);
    expect(parseStoredPayload(stored)).toEqual(payload);
  });

  it('round-trips unicode, an empty object and a payload of a megabyte', () => {
    const texts = [
      JSON.stringify({ comment: 'Grüße aus Zürich — 東京 ✓ 🚒 \u0000 "quoted" \\ back' }),
      '{}',
      JSON.stringify({ blob: Array.from({ length: 20_000 }, (_, index) => `line ${index} of the log: ${(index * 7919) % 104_729}`).join('\n') }),
    ];
    expect(texts[2]!.length).toBeGreaterThan(500_000);
    for (const json of texts) {
      const stored = encodeStoredPayload(json, sqlite);
      expect(decodeStoredPayload(stored)).toBe(json);
      // Uint8Array views (what a driver may hand back) read the same as a Buffer.
      if (Buffer.isBuffer(stored)) expect(decodeStoredPayload(new Uint8Array(stored))).toBe(json);
    }
  });

  it('keeps a payload compression would not shrink as text', () => {
    expect(encodeStoredPayload('{}', sqlite)).toBe('{}');
  });

  it('keeps the JSON text on PostgreSQL', () => {
    const json = JSON.stringify(webhook);
    expect(encodeStoredPayload(json, postgres)).toBe(json);
  });

  it('reads text rows (stored before compression, or by PostgreSQL) as they are', () => {
    expect(parseStoredPayload('{"caseId":"500000000000042AAA"}')).toEqual({ caseId: '500000000000042AAA' });
  });

  it('refuses a blob of an unknown format, or a value that is neither text nor a blob, with a clear error', () => {
    const stored = encodeStoredPayload(JSON.stringify(webhook), sqlite) as Buffer;
    const future = Buffer.concat([Buffer.of(9), stored.subarray(1)]);
    expect(() => decodeStoredPayload(future)).toThrow(/holds format 9, which this version cannot read/);
    expect(() => decodeStoredPayload(Buffer.alloc(0))).toThrow(/format \(empty blob\)/);
    expect(() => decodeStoredPayload(null)).toThrow(/is a null, not JSON text or a compressed blob/);
  });
});
