import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { faultSpecSchema } from '../../shared/faults';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import { describeField } from '../schema/describe';
import { customFieldSpecSchema } from '../schema/registry';
import type { SeedInfo, SeedName } from '../seed/applySeed';
import { instanceUrl } from '../auth/loginHosts';
import { canvasAppSchema } from '../canvas/canvasApps';
import type { ChannelSubscribers } from '../cdc/subscriberPresence';

/** What the control API needs from the running emulator besides the shared context. */
export interface ControlHooks {
  reset(seed: SeedName): SeedInfo;
  seedInfo(): SeedInfo;
  /** The Streaming API's connected subscribers per channel (the CDC broker's count). */
  streamingSubscribers(): ChannelSubscribers[];
  resetStreamingPeaks(): void;
}

const resetSchema = z.object({ seed: z.enum(['demo', 'empty']).default('demo') }).strict();
const clockSchema = z
  .object({ offsetMs: z.number().int().optional(), advanceMs: z.number().int().min(0).optional() })
  .strict()
  .refine((body) => (body.offsetMs === undefined) !== (body.advanceMs === undefined), { error: 'Give exactly one of offsetMs or advanceMs' });
const fieldSchema = z.object({ object: z.string().min(1), field: customFieldSpecSchema }).strict();
const limitsSchema = z.object({ dailyApiRequests: z.number().int().min(0).optional(), resetUsage: z.boolean().optional() }).strict();
const expireSchema = z.object({ user: z.string().min(1).optional() }).strict();
const userStateSchema = z.object({ frozen: z.boolean().optional(), passwordExpired: z.boolean().optional(), apiEnabled: z.boolean().optional() }).strict();
const tokensSchema = z.object({ user: z.string().min(1), clientId: z.string().optional() }).strict();

/** The control API's error envelope (not Salesforce's: this API is the emulator's own). */
function controlError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: details === undefined ? { code, message } : { code, message, details } });
}

/** A failure the control API answers in its envelope; handlers throw it, the router's error handler renders it. */
class ControlFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function parse<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new ControlFailure(400, 'invalid_request', 'The request body is invalid', details);
  }
  return parsed.data;
}

/** What the control API answers for an error, or undefined for one it leaves to Express. */
function controlFailureOf(error: unknown): ControlFailure | undefined {
  if (error instanceof ControlFailure) return error;
  if (error instanceof SalesforceError) return new ControlFailure(error.statusCode, error.errorCode, error.message, error.fields);
  const parserType = (error as { type?: unknown } | null)?.type;
  if (parserType === 'entity.parse.failed') return new ControlFailure(400, 'invalid_json', 'The request body is not valid JSON');
  if (parserType === 'entity.too.large') return new ControlFailure(413, 'too_large', 'The request body is too large');
  return undefined;
}

const noUser = (idOrUsername: string) => new ControlFailure(404, 'not_found', `No user with Id or username ${idOrUsername}`);

/** A user by Id or username. */
function findUser(ctx: EmulatorContext, idOrUsername: string) {
  return ctx.auth.user(idOrUsername) ?? ctx.auth.userByUsername(idOrUsername);
}

/**
 * `/__emulator/…`: reset and seed, fault injection, request log, streaming subscribers, clock,
 * custom fields, API allocation, sessions and user states, tokens for named users. JSON in and
 * out, no auth.
 */
export function controlRouter(ctx: EmulatorContext, hooks: ControlHooks) {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/reset', (req, res) => {
    const body = parse(resetSchema, req);
    res.json(hooks.reset(body.seed));
  });
  router.get('/seed', (_req, res) => {
    res.json(hooks.seedInfo());
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: ctx.faults.list() });
  });
  router.post('/faults', (req, res) => {
    const body = parse(faultSpecSchema, req);
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
    if (!ctx.faults.remove(Number(req.params.id))) throw new ControlFailure(404, 'not_found', `No fault with id ${req.params.id}`);
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

  // Who holds a streaming subscription now, and the most at once: proves one CDC subscriber per app.
  router.get('/streaming/subscribers', (_req, res) => {
    res.json({ channels: hooks.streamingSubscribers() });
  });
  router.post('/streaming/subscribers/reset-peaks', (_req, res) => {
    hooks.resetStreamingPeaks();
    res.json({ channels: hooks.streamingSubscribers() });
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });
  router.post('/clock', (req, res) => {
    const body = parse(clockSchema, req);
    if (body.offsetMs !== undefined) ctx.clock.setOffset(body.offsetMs);
    if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });

  router.post('/fields', (req, res) => {
    const body = parse(fieldSchema, req);
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
    const body = parse(limitsSchema, req);
    if (body.dailyApiRequests !== undefined) ctx.apiUsage.max = body.dailyApiRequests;
    if (body.resetUsage) ctx.apiUsage.reset();
    res.json({ dailyApiRequests: ctx.apiUsage.max, used: ctx.apiUsage.used });
  });

  router.post('/sessions/expire', (req, res) => {
    const body = parse(expireSchema, req);
    if (body.user === undefined) {
      res.json({ expired: ctx.auth.expireSessions() });
      return;
    }
    const user = findUser(ctx, body.user);
    if (!user) throw noUser(body.user);
    res.json({ expired: ctx.auth.expireSessions(user.userId) });
  });

  router.post('/users/:user/state', (req, res) => {
    const body = parse(userStateSchema, req);
    const user = findUser(ctx, req.params.user);
    if (!user) throw noUser(req.params.user);
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
    const body = parse(tokensSchema, req);
    const user = findUser(ctx, body.user);
    if (!user) throw noUser(body.user);
    const app = body.clientId ? ctx.auth.app(body.clientId) : ctx.auth.apps()[0];
    if (!app) throw new ControlFailure(404, 'not_found', 'No connected app to issue the refresh token for');
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

  // Connected apps with Canvas enabled: name, canvas URL, consumer secret, locations. The secret
  // is never answered back, as Salesforce shows it only to whoever manages the app.
  router.get('/canvas-apps', (_req, res) => {
    res.json({ canvasApps: ctx.canvasApps.list().map(({ consumerSecret: _secret, ...app }) => app) });
  });
  router.post('/canvas-apps', (req, res) => {
    const app = parse(canvasAppSchema, req);
    ctx.canvasApps.register(app);
    res.status(201).json({ name: app.name, canvasUrl: app.canvasUrl, locations: app.locations });
  });

  router.use((error: unknown, _req: Request, res: Response, next: (error?: unknown) => void) => {
    const failure = res.headersSent ? undefined : controlFailureOf(error);
    if (failure) controlError(res, failure.status, failure.code, failure.message, failure.details);
    else next(error);
  });
  return router;
}
