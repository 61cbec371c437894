import type { DescribeSObjectResult } from '@jsforce/jsforce-node';
import type { InboundEvent } from '../../pipeline/inbox';
import { caseEventKind, type CaseChangePayload } from '../../pipeline/events';

/** Compound fields duplicate their component fields and cannot be compared in SOQL: skip them. */
const COMPOUND_TYPES = new Set(['address', 'location']);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/**
 * The Case fields a query selects: every field the describe lists, never a name from input.
 * Names are checked against the API-name pattern too, so even a hostile describe cannot inject.
 */
export function caseQueryFields(describe: Pick<DescribeSObjectResult, 'fields'>): string[] {
  const names = describe.fields.filter((field) => !COMPOUND_TYPES.has(field.type) && FIELD_NAME.test(field.name)).map((field) => field.name);
  for (const required of ['Id', 'SystemModstamp', 'CreatedDate']) {
    if (!names.includes(required)) throw new Error(`The Case describe has no ${required} field; cannot sync Cases by query.`);
  }
  return names;
}

/** A SOQL datetime literal (UTC, milliseconds kept so keyset paging never skips a record). */
export function soqlDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? parseSalesforceDate(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date-time: ${String(value)}`);
  return date.toISOString();
}

/** Salesforce REST datetimes look like `2024-05-01T12:00:00.000+0000`. */
export function parseSalesforceDate(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** A Salesforce Id, quoted for SOQL after checking it is one (15 or 18 alphanumerics). */
export function soqlId(id: string): string {
  if (!/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id)) throw new Error(`Not a Salesforce Id: ${id}`);
  return `'${id}'`;
}

/** Where a keyset page starts: strictly after (timestamp, Id) in (field, Id) order. */
export function keysetAfter(field: string, position: { ts: string; id: string }): string {
  const ts = soqlDateTime(position.ts);
  return `(${field} > ${ts} OR (${field} = ${ts} AND Id > ${soqlId(position.id)}))`;
}

export type CaseRow = Record<string, unknown> & { Id: string; SystemModstamp: string; CreatedDate: string };

/**
 * A Case read by a query as an inbox event. Queries cannot tell which fields changed, so
 * `changedFields` is null and the processor diffs against its snapshot.
 */
export function caseRowEvent(row: CaseRow, origin: 'poll' | 'manual_sync', sourceEventId: string): InboundEvent {
  const { attributes: _attributes, ...values } = row;
  const changeType: CaseChangePayload['changeType'] = row.CreatedDate === row.SystemModstamp ? 'CREATE' : 'UPDATE';
  const payload: CaseChangePayload = {
    changeType,
    caseId: row.Id,
    changedFields: null,
    nulledFields: [],
    values,
    commitUser: typeof row.LastModifiedById === 'string' ? row.LastModifiedById : null,
    commitTimestamp: parseSalesforceDate(row.SystemModstamp).getTime(),
    origin,
  };
  return {
    source: origin === 'manual_sync' ? 'manual_sync' : 'salesforce',
    sourceEventId,
    kind: caseEventKind(changeType),
    payload,
    caseId: row.Id,
    caseNumber: typeof row.CaseNumber === 'string' ? row.CaseNumber : null,
    occurredAt: parseSalesforceDate(row.SystemModstamp),
  };
}
