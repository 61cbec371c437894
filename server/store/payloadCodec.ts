import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isPostgres, type Executor } from './db';

/**
 * How an inbox event's payload (the JSON text of the event as received) is kept in
 * `inbox_events.payload`, the largest column of the store.
 *
 * On SQLite it is a BLOB: one format byte, then the JSON deflated (raw deflate, zlib) with a preset
 * dictionary of the keys and URL prefixes both vendors' payloads repeat. Small JSON compresses
 * poorly on its own (nothing has repeated yet); the dictionary gives deflate those repeats up front,
 * which roughly doubles the ratio on a CDC event or a PagerDuty webhook. SQLite stores a Buffer as a
 * BLOB even in this TEXT column (type affinity never converts a BLOB). A payload that would not
 * shrink stays text, and text rows (written before compression, or by PostgreSQL) read as they are.
 *
 * On PostgreSQL the column stays text: TOAST already compresses large values there, and turning it
 * into bytea would take a migration of every row for little gain.
 *
 * The format byte names the dictionary: a new dictionary gets a new byte, and rows of the old one
 * keep reading with it. Never change DICTIONARY_V1 itself.
 */

/** Format 1: raw deflate with DICTIONARY_V1. */
const FORMAT_V1 = 1;

/**
 * Fragments of both vendors' payloads, most frequent last (deflate reaches the end of the
 * dictionary with the shortest distances). Salesforce CDC events as intake stores them
 * (CaseChangePayload) and PagerDuty V3 webhooks (event + incident with its references).
 */
const DICTIONARY_V1 = Buffer.from(
  [
    '"conference_bridge":null,"resolve_reason":null,"teams":[],"urgency":"high","urgency":"low",',
    '"incident_key":"","last_status_change_at":"","pending_actions":[],"alert_counts":{"all":0,"triggered":0,"resolved":0},',
    '"body":{"type":"incident_body","details":""},"acknowledgements":[],"description":"',
    '"resource_type":"incident","occurred_at":"","client":null,"data":{"id":"","type":"incident",',
    '"event_type":"incident.triggered","event_type":"incident.acknowledged","event_type":"incident.resolved",',
    '"event_type":"incident.annotated","event_type":"incident.status_update_published","event_type":"incident.priority_updated",',
    '"status":"triggered","status":"acknowledged","status":"resolved","created_at":"","title":"","number":',
    '{"event":{"id":"01',
    '"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"","self":"https://api.pagerduty.com/priorities/',
    '"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/","id":"","self":"https://api.pagerduty.com/escalation_policies/',
    '","summary":"","type":"escalation_policy_reference"},"type":"priority_reference"},"type":"team_reference"},',
    '"service":{"html_url":"https://acme.pagerduty.com/services/","id":"","self":"https://api.pagerduty.com/services/',
    '","summary":"","type":"service_reference"},',
    '"agent":{"html_url":"https://acme.pagerduty.com/users/","id":"","self":"https://api.pagerduty.com/users/',
    '"assignees":[{"html_url":"https://acme.pagerduty.com/users/","id":"","self":"https://api.pagerduty.com/users/',
    '","summary":"","type":"user_reference"}],"type":"user_reference"},',
    '"self":"https://api.pagerduty.com/incidents/","html_url":"https://acme.pagerduty.com/incidents/',
    '"Subject":"","Description":"","Status":"New","Status":"Working","Status":"Escalated","Status":"Closed",',
    '"Priority":"High","Priority":"Medium","Priority":"Low","Origin":"Web","Origin":"Phone","Origin":"Email","Type":"Problem",',
    '"CaseNumber":"","OwnerId":"005","AccountId":"001","ContactId":"003","LastModifiedById":"005","CreatedById":"005",',
    '"SystemModstamp":"","LastModifiedDate":"","CreatedDate":"","IsEscalated":false,"IsClosed":false,',
    '{"caseId":"500","changeType":"CREATE","changeType":"UPDATE","changeType":"DELETE",',
    '"changedFields":["Status","Priority","LastModifiedById","SystemModstamp"],"commitUser":"005',
    '","replayId":,"transactionKey":"","fields":{"',
  ].join(''),
  'utf8',
);

/**
 * The value to store in `inbox_events.payload` for this JSON text: a compressed BLOB on SQLite
 * (text when compression would not make it smaller), the text itself on PostgreSQL.
 */
export function encodeStoredPayload(json: string, db: Executor): string | Buffer {
  if (isPostgres(db)) return json;
  const deflated = deflateRawSync(json, { dictionary: DICTIONARY_V1 });
  if (deflated.length + 1 >= Buffer.byteLength(json, 'utf8')) return json;
  return Buffer.concat([Buffer.of(FORMAT_V1), deflated]);
}

/** The JSON text of a stored payload, whichever way it was stored. */
export function decodeStoredPayload(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    const blob = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const format = blob[0];
    if (format === FORMAT_V1) return inflateRawSync(blob.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
    throw new Error(
      `inbox_events.payload holds format ${format === undefined ? '(empty blob)' : format}, which this version cannot read (it reads text and format ${FORMAT_V1}); run the version of the app that wrote it, or a newer one.`,
    );
  }
  throw new Error(`inbox_events.payload is a ${value === null ? 'null' : typeof value}, not JSON text or a compressed blob; the row is damaged.`);
}

/** A stored payload parsed. */
export function parseStoredPayload(value: unknown): unknown {
  return JSON.parse(decodeStoredPayload(value)) as unknown;
}
