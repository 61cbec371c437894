import type { Request, Response } from 'express';
import { z } from 'zod';
import type { QueryJobs } from '../bulk/queryJobs';
import { SalesforceError } from '../errors';
import { methodNotAllowed } from './sobjectResources';

const createSchema = z
  .object({
    operation: z.enum(['query', 'queryAll']),
    query: z.string().min(1),
    columnDelimiter: z.enum(['COMMA', 'TAB', 'PIPE', 'SEMICOLON', 'CARET', 'BACKQUOTE']).optional(),
    lineEnding: z.enum(['LF', 'CRLF']).optional(),
    contentType: z.literal('CSV').optional(),
  })
  .strict();

const patchSchema = z.object({ state: z.literal('Aborted') }).strict();

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SalesforceError('INVALIDJOB', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

/**
 * `/services/data/vXX.X/jobs/query[/{jobId}[/results]]`: Bulk API 2.0 query jobs (see
 * bulk/queryJobs.ts), as jsforce's `bulk2.query()` drives them. Results are CSV with the
 * `Sforce-Locator` (next page, or `null`) and `Sforce-NumberOfRecords` headers.
 */
export function handleBulkQueryJobs(jobs: QueryJobs, req: Request, res: Response, segments: string[], version: string, userId: string): string {
  const [, jobId, sub, ...rest] = segments;
  if (rest.length > 0 || (sub !== undefined && sub !== 'results'))
    throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', { statusCode: 404 });
  if (jobId === undefined) {
    if (req.method === 'POST') {
      const request = parseBody(createSchema, req.body);
      res.json(jobs.create({ columnDelimiter: 'COMMA', lineEnding: 'LF', ...request }, userId, version));
    } else if (req.method === 'GET') {
      res.json(jobs.list());
    } else throw methodNotAllowed(req.method);
    return '/services/data/:version/jobs/query';
  }
  if (sub === 'results') {
    if (req.method !== 'GET') throw methodNotAllowed(req.method);
    const url = new URL(req.originalUrl, 'http://emulator');
    const maxText = url.searchParams.get('maxRecords');
    const maxRecords = maxText === null ? undefined : Number(maxText);
    if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) {
      throw new SalesforceError('INVALIDJOB', `maxRecords must be a positive whole number, not ${maxText}`);
    }
    const page = jobs.results(jobId, url.searchParams.get('locator'), maxRecords);
    res.set({ 'Content-Type': 'text/csv', 'Sforce-Locator': page.locator, 'Sforce-NumberOfRecords': String(page.numberOfRecords) });
    res.send(page.csv);
    return '/services/data/:version/jobs/query/:id/results';
  }
  if (req.method === 'GET') res.json(jobs.read(jobId));
  else if (req.method === 'PATCH') {
    parseBody(patchSchema, req.body);
    res.json(jobs.abort(jobId));
  } else if (req.method === 'DELETE') {
    jobs.delete(jobId);
    res.status(204).end();
  } else throw methodNotAllowed(req.method);
  return '/services/data/:version/jobs/query/:id';
}
