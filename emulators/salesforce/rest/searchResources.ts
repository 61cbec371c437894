import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import { executeSearch, parseSosl, type ReturningObject, type SearchGroup, type SoslStatement } from '../sosl';
import type { ApiCall, ApiResult } from './apiCall';
import { methodNotAllowed } from './sobjectResources';

/** `GET search?q=FIND {…} …`: a SOSL statement, answered `{searchRecords: [...]}`. */
export function handleSearch(ctx: EmulatorContext, call: ApiCall): ApiResult {
  if (call.method !== 'GET') throw methodNotAllowed(call.method);
  const sosl = call.query.get('q');
  if (!sosl) throw new SalesforceError('MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
  return { status: 200, body: run(ctx, call, parseSosl(sosl)), endpoint: '/services/data/:version/search' };
}

/**
 * `GET parameterizedSearch?q=…&sobject=Case&Case.fields=Id,Subject` and `POST parameterizedSearch`
 * with the same as JSON, per the REST API's "Search by Parameter" resource: `q` (the search
 * string without braces), `in`, `fields` (for every object), `sobject`/`sobjects` with each one's
 * `fields`, `where`, `orderBy`, `limit`, and `overallLimit`, `defaultLimit`.
 */
export function handleParameterizedSearch(ctx: EmulatorContext, call: ApiCall): ApiResult {
  const request = call.method === 'GET' ? fromQueryString(call.query) : call.method === 'POST' ? fromBody(call.body) : undefined;
  if (!request) throw methodNotAllowed(call.method);
  return { status: 200, body: run(ctx, call, request), endpoint: '/services/data/:version/parameterizedSearch' };
}

function run(ctx: EmulatorContext, call: ApiCall, statement: SoslStatement) {
  return executeSearch(statement, ctx.store, ctx.store.schema.list(), { now: ctx.clock.date(), apiVersion: call.version });
}

/** Parameters of the resource the emulator does not serve; each answers an error naming it. */
const UNSERVED = [
  'dataCategory',
  'dataCategories',
  'division',
  'netWorkIds',
  'networkIds',
  'snippet',
  'spellCorrection',
  'updateTracking',
  'updateViewStat',
  'pricebookId',
  'metadata',
];
const GROUPS = ['ALL', 'NAME', 'EMAIL', 'PHONE'] as const;

function rejectUnserved(names: Iterable<string>): void {
  for (const name of names) {
    if (UNSERVED.includes(name)) throw new SalesforceError('INVALID_SEARCH', `The parameterizedSearch parameter '${name}' is not supported by this emulator`);
  }
}

function searchGroup(value: string | undefined): SearchGroup {
  if (value === undefined) return 'ALL';
  const upper = value.toUpperCase();
  if (upper === 'SIDEBAR') throw new SalesforceError('INVALID_SEARCH', 'in=SIDEBAR is not supported by this emulator; use ALL, NAME, EMAIL or PHONE');
  const group = GROUPS.find((candidate) => candidate === upper);
  if (!group) throw new SalesforceError('INVALID_SEARCH', `Invalid value for 'in': ${value}; use ALL, NAME, EMAIL or PHONE`);
  return group;
}

function requireSearch(q: unknown): string {
  if (typeof q !== 'string' || q.trim() === '') throw new SalesforceError('INVALID_SEARCH', "The 'q' parameter (the search string) is required");
  return q;
}

function wholeNumber(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 0) throw new SalesforceError('INVALID_SEARCH', `'${name}' takes a whole number, not ${value}`);
  return number;
}

function statement(
  q: unknown,
  group: SearchGroup,
  objects: { name: string; fields?: string; where?: string; orderBy?: string; limit?: number }[],
  globalFields: string | undefined,
  overallLimit: number | undefined,
  defaultLimit: number | undefined,
): SoslStatement {
  const search = requireSearch(q);
  if (globalFields !== undefined && objects.length === 0) {
    throw new SalesforceError('INVALID_SEARCH', "'fields' needs at least one sobject to apply to");
  }
  const returning: ReturningObject[] = objects.map((object) => ({
    name: object.name,
    fields: object.fields ?? globalFields ?? '',
    where: object.where,
    orderBy: object.orderBy,
    limit: object.limit ?? defaultLimit,
  }));
  return { search, group, returning: returning.length > 0 ? returning : undefined, limit: overallLimit };
}

function fromQueryString(query: URLSearchParams): SoslStatement {
  rejectUnserved(query.keys());
  const objects = query
    .getAll('sobject')
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const per = (name: string, key: string) => query.get(`${name}.${key}`) ?? undefined;
  return statement(
    query.get('q'),
    searchGroup(query.get('in') ?? undefined),
    objects.map((name) => ({
      name,
      fields: per(name, 'fields'),
      where: per(name, 'where'),
      orderBy: per(name, 'orderBy'),
      limit: wholeNumber(per(name, 'limit'), `${name}.limit`),
    })),
    query.get('fields') ?? undefined,
    wholeNumber(query.get('overallLimit') ?? undefined, 'overallLimit'),
    wholeNumber(query.get('defaultLimit') ?? undefined, 'defaultLimit'),
  );
}

const fieldList = z.array(z.string().min(1)).min(1);
const bodySchema = z.looseObject({
  q: z.string().optional(),
  in: z.string().optional(),
  fields: fieldList.optional(),
  sobjects: z
    .array(
      z
        .object({
          name: z.string().min(1),
          fields: fieldList.optional(),
          where: z.string().optional(),
          orderBy: z.string().optional(),
          limit: z.number().int().min(0).optional(),
        })
        .strict(),
    )
    .optional(),
  overallLimit: z.number().int().min(0).optional(),
  defaultLimit: z.number().int().min(0).optional(),
});

function fromBody(body: unknown): SoslStatement {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SalesforceError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize the parameterizedSearch request: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const request = parsed.data;
  rejectUnserved(Object.keys(request));
  return statement(
    request.q,
    searchGroup(request.in),
    (request.sobjects ?? []).map((object) => ({ ...object, fields: object.fields?.join(', ') })),
    request.fields?.join(', '),
    request.overallLimit,
    request.defaultLimit,
  );
}
