/**
 * Renders a committed RecordChange as the `data` of a CometD change event message, the way
 * Salesforce's JSON (CometD) change events look:
 * - CREATE / UNDELETE: every non-empty field of the record; `changedFields` is empty.
 * - UPDATE: only the changed fields, nulled ones included with `null`; `changedFields` and
 *   `nulledFields` list them.
 * - DELETE: no fields at all.
 * The record Id is never in the body (it is in `recordIds`), and datetimes use the event bus
 * format `2024-05-01T12:00:00Z` rather than REST's `2024-05-01T12:00:00.000+0000`.
 */
import { createHash } from 'node:crypto';
import type { RecordChange } from '../model';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: RecordChange['changeType'];
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  changedFields: string[];
  nulledFields: string[];
  diffFields: string[];
}

export interface ChangeEventData {
  schema: string;
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
  event: { replayId: number };
}

const REST_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d{1,3})?(?:Z|[+-]00:?00)$/;

/** `2024-05-01T12:00:00.000+0000` → `2024-05-01T12:00:00Z`; any other value unchanged. */
function toEventBusValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = REST_DATETIME.exec(value);
  return match ? `${match[1]}Z` : value;
}

/**
 * A stable schema id per object, shaped like Salesforce's (22 URL-safe base64 characters).
 * Subscribers only compare it, so a hash of the entity name is enough.
 */
export function schemaIdFor(entityName: string): string {
  return createHash('sha256').update(`${entityName}ChangeEvent`).digest('base64url').slice(0, 22);
}

/** Salesforce counts a field set to null as changed too, so `changedFields` always includes `nulledFields`. */
function updatedFields(change: RecordChange): string[] {
  return [...new Set([...change.changedFields, ...change.nulledFields])];
}

function eventBody(change: RecordChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  switch (change.changeType) {
    case 'DELETE':
      return body;
    case 'CREATE':
    case 'UNDELETE':
      for (const [field, value] of Object.entries(change.values)) {
        if (field === 'Id' || value === null || value === undefined) continue;
        body[field] = toEventBusValue(value);
      }
      return body;
    case 'UPDATE': {
      const nulled = new Set(change.nulledFields);
      for (const field of updatedFields(change)) {
        if (field === 'Id') continue;
        const value = change.values[field];
        if (nulled.has(field) || value === null) body[field] = null;
        else if (value !== undefined) body[field] = toEventBusValue(value);
      }
      return body;
    }
  }
}

export function changeEventData(change: RecordChange, replayId: number, commitNumber: number): ChangeEventData {
  const isUpdate = change.changeType === 'UPDATE';
  return {
    schema: schemaIdFor(change.entityName),
    payload: {
      ChangeEventHeader: {
        entityName: change.entityName,
        recordIds: [...change.recordIds],
        changeType: change.changeType,
        // Salesforce fills this only when the API client names itself (Sforce-Call-Options);
        // RecordChange does not carry it, so it is empty as for an unnamed client.
        changeOrigin: '',
        transactionKey: change.transactionKey,
        sequenceNumber: change.sequenceNumber,
        commitTimestamp: change.commitTimestamp,
        commitNumber,
        commitUser: change.commitUser,
        changedFields: isUpdate ? updatedFields(change) : [],
        nulledFields: isUpdate ? [...change.nulledFields] : [],
        diffFields: [],
      },
      ...eventBody(change),
    },
    event: { replayId },
  };
}
