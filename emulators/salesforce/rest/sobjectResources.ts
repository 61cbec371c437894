import type { EmulatorContext } from '../context';
import { parseSfDateTime, sfDateTime } from '../datetime';
import { describeGlobal, describeGlobalEntry, describeSObject } from '../schema/describe';
import { notFound, SalesforceError } from '../errors';
import type { SObjectDef } from '../model';
import type { ApiCall, ApiResult, RunInTransaction } from './apiCall';
import { renderRecord } from './renderRecord';

const BASE = '/services/data/:version';

function objectOrNotFound(ctx: EmulatorContext, name: string): SObjectDef {
  const def = ctx.store.sobject(name);
  if (!def) throw notFound();
  return def;
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be a JSON object describing one record.');
  }
  return body as Record<string, unknown>;
}

/** `sobjects`, `sobjects/{type}`, `…/describe`, records by Id, `…/updated`, `…/deleted`. */
export function handleSObjects(ctx: EmulatorContext, call: ApiCall, run: RunInTransaction): ApiResult {
  const [, typeName, third, fourth] = call.segments;
  const method = call.method;
  if (typeName === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return { status: 200, body: describeGlobal(ctx.store.schema.list(), call.version), endpoint: `${BASE}/sobjects` };
  }
  const def = objectOrNotFound(ctx, typeName);
  if (third === undefined) {
    if (method === 'GET') {
      const recentItems = [...ctx.store.records(def.name)]
        .filter((record) => record.IsDeleted !== true)
        .slice(-3)
        .map((record) => {
          const nameField = def.fields.find((f) => f.nameField);
          return renderRecord(def, record, call.version, nameField ? ['Id', nameField.name] : ['Id']);
        });
      return { status: 200, body: { objectDescribe: describeGlobalEntry(def, call.version), recentItems }, endpoint: `${BASE}/sobjects/:type` };
    }
    if (method === 'POST') {
      const record = run((txn) => txn.insert(def.name, bodyObject(call.body)));
      return { status: 201, body: { id: record.Id, success: true, errors: [] }, endpoint: `${BASE}/sobjects/:type` };
    }
    throw methodNotAllowed(method);
  }
  if (third === 'describe' && fourth === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return { status: 200, body: describeSObject(def, call.version), endpoint: `${BASE}/sobjects/:type/describe` };
  }
  if ((third === 'updated' || third === 'deleted') && fourth === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return replicationResult(ctx, def, third, call);
  }
  if (fourth !== undefined) throw notFound();
  const endpoint = `${BASE}/sobjects/:type/:id`;
  if (method === 'GET' || method === 'PATCH' || method === 'DELETE') refuseDeletedRecord(ctx, def, third);
  switch (method) {
    case 'GET': {
      const record = ctx.store.find(def.name, third);
      if (!record) throw notFound();
      const fieldsParam = call.query.get('fields');
      const fields = fieldsParam
        ? fieldsParam
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
        : undefined;
      return { status: 200, body: renderRecord(def, record, call.version, fields), endpoint };
    }
    case 'PATCH':
      run((txn) => txn.update(def.name, third, bodyObject(call.body)));
      return { status: 204, endpoint };
    case 'DELETE':
      run((txn) => txn.delete(def.name, third));
      return { status: 204, endpoint };
    default:
      throw methodNotAllowed(method);
  }
}

/**
 * A record in the Recycle Bin answers 404 ENTITY_IS_DELETED ("entity is deleted") on GET, PATCH
 * and DELETE by Id, as a real org does (and as the composite path does here), rather than the
 * NOT_FOUND of an Id that never existed: clients tell "deleted" from "wrong Id" by it.
 */
function refuseDeletedRecord(ctx: EmulatorContext, def: SObjectDef, id: string): void {
  const found = ctx.store.recordById(id);
  if (found?.sobject === def && found.record.IsDeleted === true) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', { statusCode: 404 });
}

export function methodNotAllowed(method: string): SalesforceError {
  return new SalesforceError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,DELETE,HEAD,POST`, { statusCode: 405 });
}

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

function replicationResult(ctx: EmulatorContext, def: SObjectDef, kind: 'updated' | 'deleted', call: ApiCall): ApiResult {
  const startText = call.query.get('start');
  const endText = call.query.get('end');
  if (!startText || !endText) {
    throw new SalesforceError('MISSING_ARGUMENT', 'start and end are required query parameters (ISO 8601 datetimes)');
  }
  const start = parseSfDateTime(startText);
  const end = parseSfDateTime(endText);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new SalesforceError('INVALID_REPLICATION_DATE', 'start and end must be valid dateTime values, e.g. 2024-05-01T00:00:00+00:00');
  }
  if (start > end) throw new SalesforceError('INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate by more than one minute');
  const now = ctx.clock.now();
  if (now - start > THIRTY_DAYS_MS) throw new SalesforceError('INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago');
  // Salesforce truncates the window to whole minutes and never covers the future.
  const latest = Math.min(Math.floor(end / 60_000) * 60_000, Math.floor(now / 60_000) * 60_000);
  const latestDateCovered = sfDateTime(latest);
  if (kind === 'updated') {
    return {
      status: 200,
      body: { ids: ctx.store.updatedIds(def.name, start, latest), latestDateCovered },
      endpoint: `${BASE}/sobjects/:type/updated`,
    };
  }
  return {
    status: 200,
    body: {
      deletedRecords: ctx.store.deletedRecords(def.name, start, latest),
      earliestDateAvailable: sfDateTime(now - THIRTY_DAYS_MS),
      latestDateCovered,
    },
    endpoint: `${BASE}/sobjects/:type/deleted`,
  };
}
