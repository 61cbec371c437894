import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import { executeSoql, queryColumns, SoqlError } from '../soql';
import type { ApiCall, ApiResult } from './apiCall';
import type { QueryLocators } from './queryLocators';
import { methodNotAllowed } from './sobjectResources';

const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

/** `Sforce-Query-Options: batchSize=N`; Salesforce treats it as a hint between 200 and 2,000. */
export function batchSizeFrom(header: string | undefined): number {
  const match = header ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

/** `query`, `queryAll` and `query/{locator}` (also `queryAll/{locator}`). */
export function handleQuery(ctx: EmulatorContext, locators: QueryLocators, call: ApiCall): ApiResult {
  const [resource, locator] = call.segments;
  if (call.method !== 'GET') throw methodNotAllowed(call.method);
  if (locator !== undefined) {
    return { status: 200, body: locators.nextPage(locator, call.version), endpoint: `/services/data/:version/${resource}/:locator` };
  }
  const soql = call.query.get('q');
  if (!soql) {
    throw new SalesforceError('MALFORMED_QUERY', 'A query string must be provided in the q parameter');
  }
  const endpoint = `/services/data/:version/${resource}`;
  let result;
  try {
    // `columns=true` (what `sf data query` sends first) answers the select list's metadata, no rows.
    if (call.query.get('columns') === 'true') return { status: 200, body: queryColumns(soql, ctx.store), endpoint };
    result = executeSoql(soql, ctx.store, { now: ctx.clock.date(), includeDeleted: resource === 'queryAll', apiVersion: call.version });
  } catch (error) {
    if (error instanceof SoqlError) throw new SalesforceError(error.errorCode, error.message);
    throw error;
  }
  const batchSize = batchSizeFrom(call.headers['sforce-query-options']);
  return {
    status: 200,
    body: locators.firstPage(result.records, result.totalSize, batchSize, call.version),
    endpoint,
  };
}
