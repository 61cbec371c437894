import { z } from 'zod';
import { isRecord } from '../../shared/json';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import type { ApiCall, ApiResult, RunInTransaction } from './apiCall';
import { methodNotAllowed } from './sobjectResources';

const MAX_SUBREQUESTS = 25;

const compositeBodySchema = z
  .object({
    allOrNone: z.boolean().optional(),
    collateSubrequests: z.boolean().optional(),
    compositeRequest: z
      .array(
        z
          .object({
            method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
            url: z.string().regex(/^\/services\/data\/v\d+\.\d+\//, 'url must start with /services/data/vXX.X/'),
            referenceId: z.string().regex(/^[A-Za-z0-9_]+$/, 'referenceId must be alphanumeric (underscores allowed)'),
            body: z.unknown().optional(),
            httpHeaders: z.record(z.string(), z.string()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class RolledBack extends Error {}

const HALTED_ROLLED_BACK = [
  { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' },
];

/** Reads `id`, `records[0].Id`, `Name` … from an earlier subresponse body. */
function resolvePath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.').flatMap((piece) => piece.split(/\[(\d+)\]/).filter(Boolean))) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

class UnresolvedReference extends Error {}

/** Replaces `@{ref.path}` in a string with values from earlier subresponses. */
function substituteText(text: string, responses: Map<string, SubResponse>): string {
  return text.replace(/@\{([A-Za-z0-9_]+)\.([^}]+)\}/g, (_whole, ref: string, path: string) => {
    const response = responses.get(ref);
    const resolved = response && response.httpStatusCode < 400 ? resolvePath(response.body, path) : undefined;
    // Only a scalar can stand in a string: a missing value, null, an object or an array cannot.
    if (typeof resolved !== 'string' && typeof resolved !== 'number' && typeof resolved !== 'boolean') {
      throw new UnresolvedReference(
        `Invalid reference specified. No value for ${ref}.${path} found in ${ref}. Provided referenceId ('${ref}') must be part of the same composite request, and must precede the current subrequest.`,
      );
    }
    return String(resolved);
  });
}

/** Replaces `@{ref.path}` in strings (deeply) with values from earlier subresponses. */
function substitute(value: unknown, responses: Map<string, SubResponse>): unknown {
  if (typeof value === 'string') return substituteText(value, responses);
  if (Array.isArray(value)) return value.map((item) => substitute(item, responses));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, responses)]));
  }
  return value;
}

/**
 * `composite`: up to 25 subrequests run in order in one transaction, later ones referring to
 * earlier results with `@{referenceId.field}`. With allOrNone, any failure rolls all back.
 */
export function handleComposite(
  ctx: EmulatorContext,
  call: ApiCall,
  run: RunInTransaction,
  dispatch: (call: ApiCall, run: RunInTransaction) => ApiResult,
): ApiResult {
  if (call.method !== 'POST') throw methodNotAllowed(call.method);
  const parsed = compositeBodySchema.safeParse(call.body);
  if (!parsed.success) {
    throw new SalesforceError(
      'JSON_PARSER_ERROR',
      `Invalid composite request: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`,
    );
  }
  const { allOrNone = false, compositeRequest } = parsed.data;
  if (compositeRequest.length > MAX_SUBREQUESTS) {
    throw new SalesforceError('LIMIT_EXCEEDED', `Composite request exceeded maximum number of subrequests: ${MAX_SUBREQUESTS}`);
  }
  const ids = new Set<string>();
  for (const sub of compositeRequest) {
    if (ids.has(sub.referenceId)) throw new SalesforceError('JSON_PARSER_ERROR', `Duplicate referenceId provided in the request: ${sub.referenceId}`);
    ids.add(sub.referenceId);
  }
  const responses = new Map<string, SubResponse>();
  const ordered: SubResponse[] = [];
  try {
    run((txn) => {
      for (const sub of compositeRequest) {
        let response: SubResponse;
        try {
          const url = substituteText(sub.url, responses);
          const body = substitute(sub.body, responses);
          const [pathPart, queryPart = ''] = url.split('?', 2) as [string, string?];
          const [, version, resource] = /^\/services\/data\/v(\d+\.\d+)\/(.*)$/.exec(pathPart) ?? [];
          if (version === undefined || resource === undefined) throw new Error(`Composite subrequest url ${url} is not a /services/data/vXX.X/ path`);
          if (/^composite(\/|$)/.test(resource)) {
            throw new SalesforceError('INVALID_INPUT', 'Composite subrequests cannot themselves be composite or batch requests');
          }
          const headers = Object.fromEntries(Object.entries(sub.httpHeaders ?? {}).map(([name, v]) => [name.toLowerCase(), v]));
          const result = txn.savepoint(() =>
            dispatch(
              {
                method: sub.method,
                segments: resource.split('/').filter(Boolean).map(decodeURIComponent),
                query: new URLSearchParams(queryPart),
                body,
                headers,
                version,
                userId: call.userId,
              },
              (work) => work(txn),
            ),
          );
          const httpHeaders: Record<string, string> = { ...result.headers };
          const createdId = result.status === 201 && isRecord(result.body) ? result.body.id : undefined;
          if (typeof createdId === 'string') httpHeaders.Location = `/services/data/v${version}/${resource.replace(/\/$/, '')}/${createdId}`;
          response = { body: result.body ?? null, httpHeaders, httpStatusCode: result.status, referenceId: sub.referenceId };
        } catch (error) {
          if (error instanceof UnresolvedReference) {
            response = {
              body: [{ errorCode: 'PROCESSING_HALTED', message: error.message }],
              httpHeaders: {},
              httpStatusCode: 400,
              referenceId: sub.referenceId,
            };
          } else if (error instanceof SalesforceError) {
            response = { body: [error.toJSON()], httpHeaders: {}, httpStatusCode: error.statusCode, referenceId: sub.referenceId };
          } else {
            throw error;
          }
        }
        responses.set(sub.referenceId, response);
        ordered.push(response);
        if (allOrNone && response.httpStatusCode >= 400) throw new RolledBack();
      }
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    // RolledBack is thrown right after the failed subrequest's response is recorded.
    const failed = ordered.at(-1);
    if (!failed) throw error;
    const all = compositeRequest.map((sub, index): SubResponse =>
      index === ordered.length - 1 ? failed : { body: HALTED_ROLLED_BACK, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId },
    );
    return { status: 200, body: { compositeResponse: all }, endpoint: '/services/data/:version/composite' };
  }
  return { status: 200, body: { compositeResponse: ordered }, endpoint: '/services/data/:version/composite' };
}
