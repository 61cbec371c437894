import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { DatabaseRateLimitStore } from './security/databaseRateLimitStore';
import { pinoHttp } from 'pino-http';
import type { HttpMethod, ReplyOf, RouteAccess } from '../contracts/endpoint';
import { routeNames, routes, type RouteName, type Routes } from '../contracts/routes';
import type { AppContext } from './context';
import { AppError, sendError } from './errors';
import { requireAdmin } from './security/adminAuth';
import { requireAgent } from './security/agentAuth';
import { getAgentCase } from './http/getAgentCase';
import { getAgentActions } from './http/getAgentActions';
import { getAgentIncidentSearch } from './http/getAgentIncidentSearch';
import { postAgentIncident } from './http/postAgentIncident';
import { postAgentLink } from './http/postAgentLink';
import { deleteAgentLink } from './http/deleteAgentLink';
import { postAgentNote } from './http/postAgentNote';
import { postAgentReassign } from './http/postAgentReassign';
import { postAgentPriority } from './http/postAgentPriority';
import { postAgentUrgency } from './http/postAgentUrgency';
import { postAgentResponders } from './http/postAgentResponders';
import { postAgentStatusUpdate } from './http/postAgentStatusUpdate';
import { postAgentWorkflow } from './http/postAgentWorkflow';
import { postAgentResolve } from './http/postAgentResolve';
import { getAgentCaseStream } from './http/getAgentCaseStream';
import { getAgentCaseTimeline } from './http/getAgentCaseTimeline';
import { postCanvasToken } from './http/postCanvasToken';
import { EngineChangeHub } from './http/views/engineChanges';
import { getCanvasConnection } from './http/getCanvasConnection';
import { getSelfAlertConnection } from './http/getSelfAlertConnection';
import { putSelfAlertConnection } from './http/putSelfAlertConnection';
import { postCanvasPage } from './http/postCanvasPage';
import { putCanvasConnection } from './http/putCanvasConnection';
import { deleteSession } from './http/deleteSession';
import { getConnections } from './http/getConnections';
import { getHealthz, getReadyz } from './http/getHealth';
import { getSession } from './http/getSession';
import { getSignInLink } from './http/getSignInLink';
import { getSummary } from './http/getSummary';
import { getStatusDashboard } from './http/getStatusDashboard';
import { getStatusDashboardStream } from './http/getStatusDashboardStream';
import { getMetrics } from './http/getMetrics';
import { getOpenApiDocument } from './http/getOpenApiDocument';
import { checkReplies } from './http/checkReplies';
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
import { getFieldMappings } from './http/getFieldMappings';
import { getObjectMapping } from './http/getObjectMapping';
import { getPagerDutyMetadata } from './http/getPagerDutyMetadata';
import { getRuleset } from './http/getRuleset';
import { getRulesetExport } from './http/getRulesetExport';
import { getRulesets } from './http/getRulesets';
import { patchRuleset } from './http/patchRuleset';
import { postRuleset } from './http/postRuleset';
import { postRulesetImport } from './http/postRulesetImport';
import { getRulesetTemplates } from './http/getRulesetTemplates';
import { postRulesetFromTemplate } from './http/postRulesetFromTemplate';
import { postRulesetReorder } from './http/postRulesetReorder';
import { postRuleTest } from './http/postRuleTest';
import { putFieldMappings } from './http/putFieldMappings';
import { putObjectMapping } from './http/putObjectMapping';
import { getPriorityRouting } from './http/getPriorityRouting';
import { putPriorityRouting } from './http/putPriorityRouting';
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
      autoLogging: { ignore: (req) => req.url === routes.getHealthz.path },
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

  const metrics = createMetrics({ db: ctx.db, sync: ctx.sync, jobs: ctx.jobs, sessions: ctx.sessions, retention: ctx.retention });
  // One engine subscription fans out to every open event stream (dashboards, consoles).
  const engineChanges = new EngineChangeHub(ctx.sync);
  // The admin tab and the agents' Canvas dashboard are served by the same handlers.
  const statusDashboard = getStatusDashboard(ctx);
  const statusDashboardStream = getStatusDashboardStream(engineChanges);
  const handlers: RouteHandlers = {
    getHealthz: getHealthz(),
    getReadyz: getReadyz(ctx),
    getMetrics: getMetrics(metrics, ctx.config.env.METRICS_TOKEN),
    signInWithLink: [signInLimiter(ctx, 'sign-in-link:'), getSignInLink(ctx)],
    receivePagerDutyWebhook: postPagerDutyWebhook(ctx),
    getSession: getSession(ctx),
    getOpenApiDocument: getOpenApiDocument(),
    signIn: [signInLimiter(ctx, 'sign-in:'), postSession(ctx)],
    signOut: deleteSession(ctx),
    getConnections: getConnections(ctx),
    updatePagerDutyConnection: putPagerDutyConnection(ctx),
    updateSalesforceConnection: putSalesforceConnection(ctx),
    testPagerDutyConnection: postConnectionTest(ctx, 'pagerduty'),
    testPagerDutyUser: postConnectionTest(ctx, 'integrationUser'),
    testSalesforceConnection: postConnectionTest(ctx, 'salesforce'),
    getSummary: getSummary(ctx),
    getCaseFields: getCaseFieldMetadata(ctx),
    getIncidentFields: getIncidentFieldMetadata(),
    getPagerDutyMetadata: getPagerDutyMetadata(ctx),
    getObjectMapping: getObjectMapping(ctx),
    putObjectMapping: putObjectMapping(ctx),
    getFieldMappings: getFieldMappings(ctx),
    putFieldMappings: putFieldMappings(ctx),
    getPriorityRouting: getPriorityRouting(ctx),
    putPriorityRouting: putPriorityRouting(ctx),
    getRulesets: getRulesets(ctx),
    createRuleset: postRuleset(ctx),
    reorderRulesets: postRulesetReorder(ctx),
    exportRulesets: getRulesetExport(ctx),
    importRulesets: postRulesetImport(ctx),
    getRulesetTemplates: getRulesetTemplates(),
    addRulesetFromTemplate: postRulesetFromTemplate(ctx),
    getRuleset: getRuleset(ctx),
    patchRuleset: patchRuleset(ctx),
    putRuleset: putRuleset(ctx),
    deleteRuleset: deleteRuleset(ctx),
    testRule: postRuleTest(ctx),
    getSyncSettings: getSyncSettings(ctx),
    updateSyncSettings: putSyncSettings(ctx),
    getSyncIntakeStatus: getSyncIntakeStatus(ctx),
    startSyncRun: postSyncRun(ctx),
    listSyncRuns: getSyncRuns(ctx),
    getSyncRun: getSyncRun(ctx),
    cancelSyncRun: postSyncRunCancel(ctx),
    getSyncLog: getSyncLog(ctx),
    getSyncLogEvent: getSyncLogEvent(ctx),
    retrySyncJob: postSyncJobRetry(ctx, { onRetried: (task) => metrics.manualRetry(task) }),
    exportSyncLogCsv: getSyncLogCsv(ctx),
    getWebhooks: getWebhooks(ctx),
    provisionWebhooks: postWebhooksProvision(ctx),
    repairWebhooks: postWebhooksRepair(ctx),
    reconcileIncidents: postSyncReconcile(ctx),
    getCanvasConnection: getCanvasConnection(ctx),
    updateCanvasConnection: putCanvasConnection(ctx),
    getSelfAlertConnection: getSelfAlertConnection(ctx),
    updateSelfAlertConnection: putSelfAlertConnection(ctx),
    openCanvasConsole: postCanvasPage(ctx, 'console'),
    openCanvasDashboard: postCanvasPage(ctx, 'dashboard'),
    refreshAgentToken: postCanvasToken(ctx),
    getAgentCase: getAgentCase(ctx),
    getAgentActions: getAgentActions(ctx),
    searchAgentIncidents: getAgentIncidentSearch(ctx),
    createAgentIncident: postAgentIncident(ctx),
    linkAgentIncident: postAgentLink(ctx),
    unlinkAgentIncident: deleteAgentLink(ctx),
    addAgentNote: postAgentNote(ctx),
    reassignAgentIncident: postAgentReassign(ctx),
    changeAgentPriority: postAgentPriority(ctx),
    changeAgentUrgency: postAgentUrgency(ctx),
    addAgentResponders: postAgentResponders(ctx),
    postAgentStatusUpdate: postAgentStatusUpdate(ctx),
    startAgentWorkflow: postAgentWorkflow(ctx),
    resolveAgentIncident: postAgentResolve(ctx),
    getAgentCaseTimeline: getAgentCaseTimeline(ctx),
    streamAgentCase: getAgentCaseStream(ctx, engineChanges),
    getStatusDashboard: statusDashboard,
    streamStatusDashboard: statusDashboardStream,
    getAgentStatusDashboard: statusDashboard,
    streamAgentStatusDashboard: statusDashboardStream,
  };
  mountRoutes(
    app,
    handlers,
    {
      adminOnly: requireAdmin(ctx.db),
      agentOnly: requireAgent(ctx.agentTokens, {
        canvasSettings: () => ctx.connections.canvas(),
        connectedOrgId: async () => (await ctx.sessions.salesforce.connectedOrg())?.organizationId,
      }),
    },
    ctx.config.checkReplies ? (name) => checkReplies(name, routes[name], ctx.logger) : undefined,
  );

  serveWebUi(app);
  app.use(errorHandler(ctx));
  return app;
}

/** A route's handler, typed by the reply its contract declares. */
type RouteHandler<Reply> = (req: Request, res: Response<Reply>, next: NextFunction) => void | Promise<void>;

/** One handler per route of the table (a missing or an extra one does not compile), after any middleware of its own. */
export type RouteHandlers = {
  readonly [Name in RouteName]: RouteHandler<ReplyOf<Routes[Name]>> | readonly [...RequestHandler[], RouteHandler<ReplyOf<Routes[Name]>>];
};

/** The admin API's mount point: its JSON body parser and its session check apply to every path under it. */
export const API_PREFIX = '/api';
/** The agent API's mount point, inside the API's: the agent token, not the admin session, guards it. */
export const AGENT_API_PREFIX = '/api/agent';
const API_BODY_LIMIT = '256kb';
const VERBS = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as const satisfies Record<HttpMethod, string>;

/**
 * Mounts every route of the table, in its order. Outside /api: on the app, where each handler
 * checks its own access (the webhook's signature, the metrics token, the Canvas signed request).
 * Under /api, after the JSON body parser: the public routes, then under /api/agent `agentOnly` (an
 * agent token) and the agent routes, then `adminOnly` (a session, and the CSRF token on writes),
 * then the admin routes, then a 404 in the error envelope (401 without a session) for any other path.
 * With CHECK_REPLIES, `replyCheck` comes first on each route: it holds the route's replies to its contract.
 */
function mountRoutes(
  app: express.Express,
  handlers: RouteHandlers,
  guards: { adminOnly: RequestHandler; agentOnly: RequestHandler },
  replyCheck?: (name: RouteName) => RequestHandler,
): void {
  const underApi = (name: RouteName): boolean => routes[name].path.startsWith(`${API_PREFIX}/`);
  const underAgentApi = (name: RouteName): boolean => routes[name].path.startsWith(`${AGENT_API_PREFIX}/`);
  for (const name of routeNames) {
    const { access } = routes[name];
    const allowed = underAgentApi(name)
      ? access === 'agent'
      : underApi(name)
        ? access === 'public' || access === 'admin'
        : access !== 'admin' && access !== 'agent';
    if (!allowed) {
      throw new Error(
        `Route ${name} is ${access}: under ${AGENT_API_PREFIX} every route is agent; elsewhere under ${API_PREFIX} a route is public or admin; admin and agent routes are only under ${API_PREFIX}`,
      );
    }
  }
  const mount = (router: Pick<express.Router, 'route'>, name: RouteName, path: string): void => {
    const handler: RequestHandler | readonly RequestHandler[] = handlers[name];
    const check = replyCheck?.(name);
    router.route(path)[VERBS[routes[name].method]](...(check ? [check] : []), ...(typeof handler === 'function' ? [handler] : handler));
  };
  const apiRoutes = (access: RouteAccess) => routeNames.filter((name) => underApi(name) && routes[name].access === access);

  for (const name of routeNames.filter((candidate) => !underApi(candidate))) mount(app, name, routes[name].path);

  const api = express.Router();
  api.use(express.json({ limit: API_BODY_LIMIT }));
  for (const name of apiRoutes('public')) mount(api, name, routes[name].path.slice(API_PREFIX.length));
  const agentApi = express.Router();
  agentApi.use(guards.agentOnly);
  for (const name of apiRoutes('agent')) mount(agentApi, name, routes[name].path.slice(AGENT_API_PREFIX.length));
  agentApi.use((req: Request) => {
    throw new AppError('not_found', `No API route ${req.method} ${req.baseUrl}${req.path}`);
  });
  api.use(AGENT_API_PREFIX.slice(API_PREFIX.length), agentApi);
  api.use(guards.adminOnly);
  for (const name of apiRoutes('admin')) mount(api, name, routes[name].path.slice(API_PREFIX.length));
  api.use((req: Request) => {
    throw new AppError('not_found', `No API route ${req.method} ${req.baseUrl}${req.path}`);
  });
  app.use(API_PREFIX, api);
}

/**
 * Ten sign-in attempts per 15 minutes per client address, counted in the database so the limit
 * holds across every instance behind a load balancer; the rest get 429.
 */
function signInLimiter(ctx: AppContext, prefix: string) {
  return rateLimit({
    store: new DatabaseRateLimitStore(ctx.db, prefix),
    windowMs: 15 * 60 * 1000,
    limit: 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, new AppError('too_many_requests', 'Too many sign-in attempts: wait 15 minutes and try again.')),
  });
}

/** Paths the web UI's index.html answers (its client-side routes): any GET but the API's, the webhooks' and sign-in's. */
export const WEB_UI_PATHS = /^\/(?!api\/|webhooks\/|auth\/|canvas\/).*/;

function serveWebUi(app: express.Express): void {
  const index = path.join(WEB_ROOT, 'index.html');
  app.use(express.static(WEB_ROOT, { index: false, maxAge: '1h' }));
  app.get(WEB_UI_PATHS, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text').send('The admin UI is not built: run `npm run build:web` (npm start does it for you).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
}

function errorHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    const expected = expectedFailure(error);
    if (!expected) ctx.logger.error({ err: error, path: req.path }, 'unhandled error');
    // Once a reply is under way there is no room for the envelope: Express's own handler ends it.
    if (res.headersSent) next(error);
    else sendError(res, expected ?? new AppError('internal', 'Something went wrong on the server; the details are in its log.'));
  };
}

/** The envelope of an expected failure: ours, or a body parser's 4xx (http-errors' `status` and `type`); undefined for anything else. */
function expectedFailure(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!(error instanceof Error)) return undefined;
  const type = 'type' in error ? error.type : undefined;
  const status = 'status' in error ? error.status : undefined;
  if (type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large.');
  if (type === 'entity.parse.failed') return new AppError('validation_failed', 'The request body is not valid JSON.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('validation_failed', error.message);
  return undefined;
}
