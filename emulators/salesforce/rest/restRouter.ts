import express, { type NextFunction, type Request, type Response } from 'express';
import { isRecord } from '../../shared/json';
import type { EmulatorContext } from '../context';
import { invalidSession, notFound, SalesforceError } from '../errors';
import { QueryJobs } from '../bulk/queryJobs';
import type { ApiCall } from './apiCall';
import { handleBulkQueryJobs } from './bulkQueryResources';
import { dispatchApiCall } from './dispatch';
import type { QueryLocators } from './queryLocators';
import { versionsDocument } from './versions';

/** Renders a SalesforceError as the REST API does: a JSON array with one error. */
export function sendSalesforceError(res: Response, error: SalesforceError): void {
  res.status(error.statusCode).json([error.toJSON()]);
}

/** The bearer token of `Authorization: Bearer …` (or jsforce's older `OAuth …`). */
export function accessTokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Resolves the caller's session and user, enforcing session validity and user state; throws the
 * Salesforce error otherwise. Also used by the identity endpoints, which answer a user about
 * themselves without the API Enabled permission (`apiEnabledRequired: false`), as Salesforce's
 * identity service does in every edition.
 */
export function requireSession(ctx: EmulatorContext, req: Request, res: Response, options: { apiEnabledRequired?: boolean } = {}) {
  const token = accessTokenOf(req);
  const session = token ? ctx.auth.authenticate(token) : undefined;
  if (!session) throw invalidSession();
  const user = ctx.auth.user(session.userId);
  if (!user || user.frozen) throw invalidSession();
  res.locals.principal = user.username;
  if (session.restricted) {
    throw new SalesforceError(
      'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
      'The users password has expired, you must call SetPassword before attempting any other API operations',
      { statusCode: 401 },
    );
  }
  if (options.apiEnabledRequired !== false && !user.apiEnabled)
    throw new SalesforceError('API_CURRENTLY_DISABLED', 'API is disabled for this User', { statusCode: 403 });
  return { session, user };
}

/**
 * `/services/data` (versions, no auth) and everything under `/services/data/v{version}/`:
 * authentication, the daily allocation, `Sforce-Limit-Info`, then the resource.
 */
export function restRouter(ctx: EmulatorContext, locators: QueryLocators, bodyLimit: string) {
  const router = express.Router();
  const queryJobs = new QueryJobs(ctx.store);
  router.get('/services/data', (_req, res) => {
    res.json(versionsDocument(ctx.apiVersions));
  });
  router.use('/services/data/:version', express.json({ limit: bodyLimit, type: () => true, strict: false }));
  router.all(['/services/data/:version', '/services/data/:version/*rest'], (req: Request, res: Response) => {
    res.setHeader('Sforce-Limit-Info', ctx.apiUsage.header());
    const version = /^v(\d+\.\d)$/.exec(String(req.params.version))?.[1];
    if (version === undefined || !ctx.apiVersions.includes(version)) throw notFound();
    const { session } = requireSession(ctx, req, res);
    ctx.apiUsage.consume();
    res.setHeader('Sforce-Limit-Info', ctx.apiUsage.header());
    const rest = (req.params as { rest?: string[] }).rest ?? [];
    if (rest[0] === 'jobs' && rest[1] === 'query') {
      res.locals.endpoint = handleBulkQueryJobs(queryJobs, req, res, rest.slice(1), version, session.userId);
      return;
    }
    const call: ApiCall = {
      method: req.method === 'HEAD' ? 'GET' : req.method,
      segments: rest.filter(Boolean),
      query: new URL(req.originalUrl, 'http://emulator').searchParams,
      body: req.body,
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value])),
      version,
      userId: session.userId,
    };
    const result = dispatchApiCall(ctx, locators, call, (work) => ctx.store.transaction(session.userId, work));
    res.locals.endpoint = result.endpoint;
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    const createdId = result.status === 201 && isRecord(result.body) ? result.body.id : undefined;
    if (typeof createdId === 'string') res.setHeader('Location', `${req.baseUrl}${req.path.replace(/\/$/, '')}/${createdId}`);
    if (result.body === undefined) res.status(result.status).end();
    else res.status(result.status).json(result.body);
  });
  return router;
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Last-resort error handler: parse failures and oversized bodies become Salesforce errors, and
 * nothing a client sends produces a crash or a bare 500 page.
 */
// Express tells an error handler by its four parameters, so `_next` stays though it is not called.
export function salesforceErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendSalesforceError(res, toSalesforceError(error, req));
}

function toSalesforceError(error: unknown, req: Request): SalesforceError {
  if (error instanceof SalesforceError) return error;
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    return new SalesforceError('JSON_PARSER_ERROR', `Unexpected character in the request body: ${parserError.message}`);
  }
  if (parserError.type === 'entity.too.large') {
    return new SalesforceError('JSON_PARSER_ERROR', `Exceeded max size limit of ${parserError.limit ?? 'the configured'} bytes for the request body`, {
      statusCode: 413,
    });
  }
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return new SalesforceError('INVALID_INPUT', parserError.message, { statusCode: parserError.status });
  }
  console.error(`[salesforce-emulator] ${req.method} ${req.originalUrl} failed:`, error);
  return new SalesforceError('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: emulator', {
    statusCode: 500,
  });
}
