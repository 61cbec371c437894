import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { AppError, sendError } from './errors';
import { requireAdmin } from './security/adminAuth';
import { deleteSession } from './http/deleteSession';
import { getConnections } from './http/getConnections';
import { getHealthz, getReadyz } from './http/getHealth';
import { getSession } from './http/getSession';
import { getSignInLink } from './http/getSignInLink';
import { getSummary } from './http/getSummary';
import { getMetrics } from './http/getMetrics';
import { getSyncLog } from './http/getSyncLog';
import { getSyncLogCsv } from './http/getSyncLogCsv';
import { getSyncLogEvent } from './http/getSyncLogEvent';
import { postSyncJobRetry } from './http/postSyncJobRetry';
import { createMetrics } from './metrics';
import { postConnectionTest } from './http/postConnectionTests';
import { postSession } from './http/postSession';
import { putPagerDutyConnection } from './http/putPagerDutyConnection';
import { putSalesforceConnection } from './http/putSalesforceConnection';
import { getSyncIntakeStatus } from './http/getSyncIntakeStatus';
import { getSyncRun } from './http/getSyncRun';
import { getSyncRuns } from './http/getSyncRuns';
import { getSyncSettings } from './http/getSyncSettings';
import { postSyncRun } from './http/postSyncRun';
import { postSyncRunCancel } from './http/postSyncRunCancel';
import { putSyncSettings } from './http/putSyncSettings';
import { deleteRuleset } from './http/deleteRuleset';
import { getCaseFieldMetadata } from './http/getCaseFieldMetadata';
import { getIncidentFieldMetadata } from './http/getIncidentFieldMetadata';
import { getObjectMapping } from './http/getObjectMapping';
import { getPagerDutyMetadata } from './http/getPagerDutyMetadata';
import { getRuleset } from './http/getRuleset';
import { getRulesetExport } from './http/getRulesetExport';
import { getRulesets } from './http/getRulesets';
import { patchRuleset } from './http/patchRuleset';
import { postRuleset } from './http/postRuleset';
import { postRulesetImport } from './http/postRulesetImport';
import { postRulesetReorder } from './http/postRulesetReorder';
import { postRuleTest } from './http/postRuleTest';
import { putObjectMapping } from './http/putObjectMapping';
import { putRuleset } from './http/putRuleset';
import { getWebhooks } from './http/getWebhooks';
import { postPagerDutyWebhook } from './http/postPagerDutyWebhook';
import { postSyncReconcile } from './http/postSyncReconcile';
import { postWebhooksProvision } from './http/postWebhooksProvision';
import { postWebhooksRepair } from './http/postWebhooksRepair';

const WEB_ROOT = path.resolve(import.meta.dirname, '../dist/web');

/** Express composition: middleware order, routes, the web UI, and the one error mapper. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API replies are not cached (SUMMARY and SYNC LOG poll for fresh data, webhooks answer a
  // machine): hashing every body for an ETag would be work for nothing. Static assets keep theirs.
  app.set('etag', false);
  if (ctx.config.trustProxy) app.set('trust proxy', 1);

  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: ctx.config.cookieSecure,
    }),
  );

  app.get('/healthz', getHealthz());
  app.get('/readyz', getReadyz(ctx));
  // For Prometheus, not people: no session; METRICS_TOKEN (when set) as a bearer token.
  const metrics = createMetrics({ db: ctx.db, sync: ctx.sync, jobs: ctx.jobs, sessions: ctx.sessions });
  app.get('/metrics', getMetrics(metrics, ctx.config.env.METRICS_TOKEN));
  app.get('/auth/sign-in', signInLimiter(), getSignInLink(ctx));
  // Authenticated by its signature over the raw body, not by a session: outside /api.
  app.post('/webhooks/pagerduty', ...postPagerDutyWebhook(ctx));

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.get('/session', getSession(ctx));
  api.post('/session', signInLimiter(), postSession(ctx));
  api.use(requireAdmin(ctx.db));
  api.delete('/session', deleteSession(ctx));
  api.get('/connections', getConnections(ctx));
  api.put('/connections/pagerduty', putPagerDutyConnection(ctx));
  api.put('/connections/salesforce', putSalesforceConnection(ctx));
  api.post('/connections/pagerduty/test', postConnectionTest(ctx, 'pagerduty'));
  api.post('/connections/pagerduty/test-user', postConnectionTest(ctx, 'integrationUser'));
  api.post('/connections/salesforce/test', postConnectionTest(ctx, 'salesforce'));
  api.get('/summary', getSummary(ctx));
  // Sync settings, Salesforce intake status, manual sync runs.
  api.get('/sync/settings', getSyncSettings(ctx));
  api.put('/sync/settings', putSyncSettings(ctx));
  api.get('/sync/intake', getSyncIntakeStatus(ctx));
  api.post('/sync/runs', postSyncRun(ctx));
  api.get('/sync/runs', getSyncRuns(ctx));
  api.get('/sync/runs/:id', getSyncRun(ctx));
  api.post('/sync/runs/:id/cancel', postSyncRunCancel(ctx));
  // OBJECT MAPPINGS and RULESETS (fixed paths before /rulesets/:id).
  api.get('/metadata/case-fields', getCaseFieldMetadata(ctx));
  api.get('/metadata/incident-fields', getIncidentFieldMetadata());
  api.get('/metadata/pagerduty', getPagerDutyMetadata(ctx));
  api.get('/object-mapping', getObjectMapping(ctx));
  api.put('/object-mapping', putObjectMapping(ctx));
  api.get('/rulesets', getRulesets(ctx));
  api.post('/rulesets', postRuleset(ctx));
  api.post('/rulesets/reorder', postRulesetReorder(ctx));
  api.get('/rulesets/export', getRulesetExport(ctx));
  api.post('/rulesets/import', postRulesetImport(ctx));
  api.get('/rulesets/:id', getRuleset(ctx));
  api.patch('/rulesets/:id', patchRuleset(ctx));
  api.put('/rulesets/:id', putRuleset(ctx));
  api.delete('/rulesets/:id', deleteRuleset(ctx));
  api.post('/rulesets/:id/rules/:ruleId/test', postRuleTest(ctx));
  api.get('/sync/log', getSyncLog(ctx));
  api.get('/sync/log.csv', getSyncLogCsv(ctx));
  api.get('/sync/log/events/:id', getSyncLogEvent(ctx));
  api.post('/sync/jobs/:id/retry', postSyncJobRetry(ctx, { onRetried: (task) => metrics.manualRetry(task) }));
  api.get('/webhooks', getWebhooks(ctx));
  api.post('/webhooks/provision', postWebhooksProvision(ctx));
  api.post('/webhooks/repair', postWebhooksRepair(ctx));
  api.post('/sync/reconcile', postSyncReconcile(ctx));
  api.use((req: Request) => {
    throw new AppError('not_found', `No API route ${req.method} ${req.baseUrl}${req.path}`);
  });
  app.use('/api', api);

  serveWebUi(app);
  app.use(errorHandler(ctx));
  return app;
}

/** Ten sign-in attempts per 15 minutes per client address; the rest get 429. */
function signInLimiter() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, new AppError('too_many_requests', 'Too many sign-in attempts: wait 15 minutes and try again.')),
  });
}

function serveWebUi(app: express.Express): void {
  const index = path.join(WEB_ROOT, 'index.html');
  app.use(express.static(WEB_ROOT, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|webhooks\/|auth\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text').send('The admin UI is not built: run `npm run build:web` (npm start does it for you).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
}

function errorHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) return sendError(res, error);
    const status = (error as { status?: number; type?: string }).status;
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, new AppError('payload_too_large', 'The request body is too large.'));
    if (type === 'entity.parse.failed') return sendError(res, new AppError('validation_failed', 'The request body is not valid JSON.'));
    if (status && status >= 400 && status < 500) return sendError(res, new AppError('validation_failed', (error as Error).message));
    ctx.logger.error({ err: error, path: req.path }, 'unhandled error');
    sendError(res, new AppError('internal', 'Something went wrong on the server; the details are in its log.'));
  };
}
