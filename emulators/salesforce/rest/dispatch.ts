import type { EmulatorContext } from '../context';
import { notFound } from '../errors';
import type { ApiCall, ApiResult, RunInTransaction } from './apiCall';
import { handleComposite } from './composite';
import { handleCompositeSObjects } from './compositeSObjects';
import { handleLimits } from './limitsResource';
import type { QueryLocators } from './queryLocators';
import { handleQuery } from './queryResources';
import { handleParameterizedSearch, handleSearch } from './searchResources';
import { handleSObjects, methodNotAllowed } from './sobjectResources';

/** Routes one REST call (top-level or composite subrequest) to its resource. */
export function dispatchApiCall(ctx: EmulatorContext, locators: QueryLocators, call: ApiCall, run: RunInTransaction): ApiResult {
  const [resource, sub] = call.segments;
  switch (resource) {
    case undefined: {
      if (call.method !== 'GET') throw methodNotAllowed(call.method);
      const base = `/services/data/v${call.version}`;
      return {
        status: 200,
        endpoint: '/services/data/:version',
        body: Object.fromEntries(
          ['sobjects', 'query', 'queryAll', 'search', 'parameterizedSearch', 'composite', 'limits'].map((name) => [name, `${base}/${name}`]),
        ),
      };
    }
    case 'sobjects':
      return handleSObjects(ctx, call, run);
    case 'query':
    case 'queryAll':
      if (call.segments.length > 2) throw notFound();
      return handleQuery(ctx, locators, call);
    case 'composite':
      if (sub === 'sobjects' && call.segments.length === 2) return handleCompositeSObjects(ctx, call, run);
      if (sub === undefined) return handleComposite(ctx, call, run, (subCall, subRun) => dispatchApiCall(ctx, locators, subCall, subRun));
      throw notFound();
    case 'search':
      if (call.segments.length > 1) throw notFound();
      return handleSearch(ctx, call);
    case 'parameterizedSearch':
      if (call.segments.length > 1) throw notFound();
      return handleParameterizedSearch(ctx, call);
    case 'limits':
      if (call.segments.length > 1) throw notFound();
      return handleLimits(ctx, call);
    default:
      throw notFound();
  }
}
