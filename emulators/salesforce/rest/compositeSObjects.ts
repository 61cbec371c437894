import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import type { Transaction } from '../store';
import type { ApiCall, ApiResult, RunInTransaction } from './apiCall';
import { methodNotAllowed } from './sobjectResources';

const MAX_RECORDS = 200;

const recordsBodySchema = z
  .object({
    allOrNone: z.boolean().optional(),
    records: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();

interface SaveResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

class RolledBack extends Error {}

const ROLLED_BACK_ERROR = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function failure(id: string | null, error: unknown): SaveResult {
  if (!(error instanceof SalesforceError)) throw error;
  return { id, success: false, errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] }] };
}

function parseBody(body: unknown) {
  const parsed = recordsBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new SalesforceError(
      'JSON_PARSER_ERROR',
      `Invalid request body: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`,
    );
  }
  if (parsed.data.records.length > MAX_RECORDS) {
    throw new SalesforceError('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return parsed.data;
}

function recordType(record: Record<string, unknown>): string {
  const attributes = record.attributes as { type?: unknown } | undefined;
  if (!attributes || typeof attributes.type !== 'string') throw new SalesforceError('INVALID_TYPE', 'Must send a concrete entity type.');
  return attributes.type;
}

/**
 * `composite/sobjects`: create (POST), update (PATCH) or delete (DELETE ?ids=) up to 200
 * records in one transaction. With allOrNone, one failure rolls every record back; without it,
 * each record succeeds or fails on its own. Results come back in input order.
 */
export function handleCompositeSObjects(ctx: EmulatorContext, call: ApiCall, run: RunInTransaction): ApiResult {
  const endpoint = '/services/data/:version/composite/sobjects';
  let items: { id: string | null; apply: (txn: Transaction) => string }[];
  let allOrNone: boolean;
  switch (call.method) {
    case 'POST':
    case 'PATCH': {
      const body = parseBody(call.body);
      allOrNone = body.allOrNone ?? false;
      items = body.records.map((record) => {
        const id = typeof record.id === 'string' ? record.id : typeof record.Id === 'string' ? record.Id : null;
        return {
          id: call.method === 'POST' ? null : id,
          apply: (txn) => {
            const type = ctx.store.schema.get(recordType(record))?.name;
            if (!type) throw new SalesforceError('INVALID_TYPE', `sObject type '${recordType(record)}' is not supported.`);
            if (call.method === 'POST') {
              if (id !== null) throw new SalesforceError('INVALID_FIELD', 'Can not specify id in an insert call');
              return txn.insert(type, record).Id;
            }
            if (id === null) throw new SalesforceError('MISSING_ARGUMENT', 'Id not specified in an update call');
            const { id: _id, ...fields } = record;
            return txn.update(type, id, fields).Id;
          },
        };
      });
      break;
    }
    case 'DELETE': {
      const ids = (call.query.get('ids') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new SalesforceError('MISSING_ARGUMENT', 'ids parameter is required');
      if (ids.length > MAX_RECORDS)
        throw new SalesforceError('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
      allOrNone = call.query.get('allOrNone') === 'true';
      items = ids.map((id) => ({
        id,
        apply: (txn) => {
          const found = ctx.store.recordById(id);
          if (!found) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
          if (found.record.IsDeleted === true) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted');
          txn.delete(found.sobject.name, id);
          return found.record.Id;
        },
      }));
      break;
    }
    default:
      throw methodNotAllowed(call.method);
  }
  let outcomes: { item: (typeof items)[number]; result: SaveResult }[] = [];
  try {
    run((txn) => {
      outcomes = items.map((item) => {
        try {
          const id = txn.savepoint(() => item.apply(txn));
          return { item, result: { id, success: true, errors: [] } };
        } catch (error) {
          return { item, result: failure(item.id, error) };
        }
      });
      if (allOrNone && outcomes.some(({ result }) => !result.success)) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    outcomes = outcomes.map(({ item, result }) => ({
      item,
      result: result.success ? { id: call.method === 'POST' ? null : item.id, success: false, errors: [ROLLED_BACK_ERROR] } : result,
    }));
  }
  return { status: 200, body: outcomes.map(({ result }) => result), endpoint };
}
