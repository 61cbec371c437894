import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { faultSpecSchema } from '../../shared/faults';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import { describeField } from '../schema/describe';
import { customFieldSpecSchema } from '../schema/registry';
import type { SeedInfo, SeedName } from '../seed/applySeed';
import { instanceUrl } from '../auth/loginHosts';

/** What the control API needs from the running emulator besides the shared context. */
export interface ControlHooks {
  reset(seed: SeedName): SeedInfo;
  seedInfo(): SeedInfo;
}

const resetSchema = z.object({ seed: z.enum(['demo', 'empty']).default('demo') }).strict();
const clockSchema = z
  .object({ offsetMs: z.number().int().optional(), advanceMs: z.number().int().min(0).optional() })
  .strict()
  .refine((body) => (body.offsetMs === undefined) !== (body.advanceMs === undefined), { message: 'Give exactly one of offsetMs or advanceMs' });
const fieldSchema = z.object({ object: z.string().min(1), field: customFieldSpecSchema }).strict();
const limitsSchema = z.object({ dailyApiRequests: z.number().int().min(0).optional(), resetUsage: z.boolean().optional() }).strict();
const expireSchema = z.object({ user: z.string().min(1).optional() }).strict();
const userStateSchema = z.object({ frozen: z.boolean().optional(), passwordExpired: z.boolean().optional(), apiEnabled: z.boolean().optional() }).strict();
const tokensSchema = z.object({ user: z.string().min(1), clientId: z.string().optional() }).strict();

/** The control API's error envelope (not Salesforce's: this API is the emulator's own). */
function controlError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: details === undefined ? { code, message } : { code, message, details } });
}

function parse<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | undefined {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) {
    controlError(
      res,
      400,
      'invalid_request',
      'The request body is invalid',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
    return undefined;
  }
  return parsed.data;
}

/** A user by Id or username. */
function findUser(ctx: EmulatorContext, idOrUsername: string) {
  return ctx.auth.user(idOrUsername) ?? ctx.auth.userByUsername(idOrUsername);
}

/**
 * `/__emulator/…`: reset and seed, fault injection, request log, clock, custom fields, API
 * allocation, sessions and user states, tokens for named users. JSON in and out, no auth.
 */
export function controlRouter(ctx: EmulatorContext, hooks: ControlHooks) {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/reset', (req, res) => {
    const body = parse(resetSchema, req, res);
    if (body) res.json(hooks.reset(body.seed));
  });
  router.get('/seed', (_req, res) => {
    res.json(hooks.seedInfo());
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: ctx.faults.list() });
  });
  router.post('/faults', (req, res) => {
    const body = parse(faultSpecSchema, req, res);
    if (!body) return;
    try {
      res.status(201).json(ctx.faults.add(body));
    } catch (error) {
      controlError(res, 400, 'invalid_request', `Invalid path pattern: ${(error as Error).message}`);
    }
  });
  router.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    if (!ctx.faults.remove(Number(req.params.id))) return controlError(res, 404, 'not_found', `No fault with id ${req.params.id}`);
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const limit = Math.min(5000, Math.max(1, Number(req.query.limit ?? 100) || 100));
    res.json({ counts: ctx.requestLog.counts(), entries: ctx.requestLog.entries(limit) });
  });
  router.delete('/requests', (_req, res) => {
    ctx.requestLog.reset();
    res.status(204).end();
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });
  router.post('/clock', (req, res) => {
    const body = parse(clockSchema, req, res);
    if (!body) return;
    if (body.offsetMs !== undefined) ctx.clock.setOffset(body.offsetMs);
    if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });

  router.post('/fields', (req, res) => {
    const body = parse(fieldSchema, req, res);
    if (!body) return;
    try {
      res.status(201).json(describeField(ctx.store.schema.addCustomField(body.object, body.field)));
    } catch (error) {
      controlError(res, 400, 'invalid_field', (error as Error).message);
    }
  });

  router.get('/limits', (_req, res) => {
    res.json({ dailyApiRequests: ctx.apiUsage.max, used: ctx.apiUsage.used });
  });
  router.post('/limits', (req, res) => {
    const body = parse(limitsSchema, req, res);
    if (!body) return;
    if (body.dailyApiRequests !== undefined) ctx.apiUsage.max = body.dailyApiRequests;
    if (body.resetUsage) ctx.apiUsage.reset();
    res.json({ dailyApiRequests: ctx.apiUsage.max, used: ctx.apiUsage.used });
  });

  router.post('/sessions/expire', (req, res) => {
    const body = parse(expireSchema, req, res);
    if (!body) return;
    if (body.user === undefined) return res.json({ expired: ctx.auth.expireSessions() });
    const user = findUser(ctx, body.user);
    if (!user) return controlError(res, 404, 'not_found', `No user with Id or username ${body.user}`);
    res.json({ expired: ctx.auth.expireSessions(user.userId) });
  });

  router.post('/users/:user/state', (req, res) => {
    const body = parse(userStateSchema, req, res);
    if (!body) return;
    const user = findUser(ctx, String(req.params.user));
    if (!user) return controlError(res, 404, 'not_found', `No user with Id or username ${req.params.user}`);
    const updated = ctx.auth.setUserState(user.userId, body);
    res.json({
      userId: updated.userId,
      username: updated.username,
      frozen: updated.frozen,
      passwordExpired: updated.passwordExpired,
      apiEnabled: updated.apiEnabled,
    });
  });

  // An access token (and a refresh token, as a web-server flow would grant) for a named user,
  // without a login round trip: tests and benchmarks act as that user directly.
  router.post('/tokens', (req, res) => {
    const body = parse(tokensSchema, req, res);
    if (!body) return;
    const user = findUser(ctx, body.user);
    if (!user) return controlError(res, 404, 'not_found', `No user with Id or username ${body.user}`);
    const app = body.clientId ? ctx.auth.app(body.clientId) : ctx.auth.apps()[0];
    if (!app) return controlError(res, 404, 'not_found', 'No connected app to issue the refresh token for');
    const session = ctx.auth.issueSession(user.userId, { clientId: app.clientId });
    res.json({
      accessToken: session.accessToken,
      refreshToken: ctx.auth.issueRefreshToken(user.userId, app.clientId),
      instanceUrl: instanceUrl(req),
      userId: user.userId,
      username: user.username,
      organizationId: ctx.org.id,
    });
  });

  router.use((error: unknown, _req: Request, res: Response, next: (error?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const parserError = error as { type?: string; message?: string };
    if (parserError.type === 'entity.parse.failed') return controlError(res, 400, 'invalid_json', 'The request body is not valid JSON');
    if (parserError.type === 'entity.too.large') return controlError(res, 413, 'too_large', 'The request body is too large');
    if (error instanceof SalesforceError) return controlError(res, error.statusCode, error.errorCode, error.message, error.fields);
    next(error);
  });
  return router;
}
