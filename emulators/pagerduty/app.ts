import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { Clock } from '../shared/clock';
import { FaultInjector, faultMiddleware } from '../shared/faults';
import { RequestLog, requestLogMiddleware } from '../shared/requestLog';
import { businessServicesRouter } from './businessServices/routes';
import { consoleApi } from './console/consoleApi';
import { consolePage } from './console/page';
import { CustomFieldOperations } from './customFields/operations';
import { CustomFieldRenderer } from './customFields/render';
import { customFieldsRouter } from './customFields/routes';
import type { EmulatorContext } from './context';
import { controlRouter } from './control/routes';
import { EventOperations } from './events/operations';
import { eventsRouter } from './events/routes';
import { authMiddleware } from './http/auth';
import { exchangeObserverMiddleware, type ObservedExchange } from './http/exchangeObserver';
import { errorBody, notFound, pdErrorHandler } from './http/errors';
import { RateLimiter, rateLimitMiddleware } from './http/rateLimit';
import { IncidentOperations } from './incidents/operations';
import { incidentsRouter } from './incidents/routes';
import { isSubdomain, Links } from './links';
import { onCallsRouter } from './oncalls/routes';
import { Renderer } from './render';
import { resourcesRouter } from './resources/routes';
import { ResponderOperations } from './responders/operations';
import { respondersRouter } from './responders/routes';
import { applySeed, type SeedInfo, type SeedName } from './seed';
import { StatusUpdateOperations } from './statusUpdates/operations';
import { statusUpdatesRouter } from './statusUpdates/routes';
import { PagerDutyStore } from './store';
import { WebhookDeliveryScheduler } from './webhooks/delivery';
import { WebhookPublisher } from './webhooks/publisher';
import { webhookSubscriptionsRouter } from './webhooks/routes';
import { WorkflowOperations } from './workflows/operations';
import { WorkflowRenderer } from './workflows/render';
import { workflowsRouter } from './workflows/routes';
import { pagerDutyTimestamp } from './timestamps';

export interface PagerDutyAppOptions {
  /** The emulator's own base URL (for `self` and `html_url`); read lazily, known after listen. */
  baseUrl: () => string;
  seed?: SeedName;
  /** Requests per minute per key; `false` turns rate limiting off. Default 960. */
  rateLimitPerMinute?: number | false;
  clock?: Clock;
  /** Webhook attempt timeout; PagerDuty's is 5 s. */
  webhookTimeoutMs?: number;
  /** Waits between webhook attempts (its length + 1 attempts). */
  webhookBackoffMs?: number[];
  /** Events API events per minute per routing key; PagerDuty documents about 120. `false` turns it off. */
  eventsRateLimitPerMinute?: number | false;
  /** Largest accepted request body. */
  bodyLimit?: string;
  /** Sees every REST exchange (conformance tests validate them against the OpenAPI document). */
  observeExchanges?: (exchange: ObservedExchange) => void;
  /** The account's subdomain: `html_url` is then `https://{subdomain}.pagerduty.com/...` (see links.ts). */
  subdomain?: string | undefined;
}

export interface PagerDutyApp {
  app: Express;
  context: EmulatorContext;
}

const consoleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'console');

export function createPagerDutyApp(options: PagerDutyAppOptions): PagerDutyApp {
  const store = new PagerDutyStore();
  const clock = options.clock ?? new Clock();
  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const rateLimiter = new RateLimiter(options.rateLimitPerMinute ?? 960, () => clock.now());
  const eventsRateLimiter = new RateLimiter(options.eventsRateLimitPerMinute ?? 120, () => clock.now());
  const getStore = () => store;
  if (options.subdomain !== undefined && !isSubdomain(options.subdomain)) {
    throw new Error(`Invalid PagerDuty subdomain "${options.subdomain}": use letters, digits and inner hyphens, e.g. acme`);
  }
  const links = new Links(options.baseUrl, { subdomain: options.subdomain });
  const renderer = new Renderer(getStore, links);
  const deliveries = new WebhookDeliveryScheduler({
    clock,
    subscription: (id) => store.webhookSubscriptions.get(id),
    timeoutMs: options.webhookTimeoutMs,
    backoffMs: options.webhookBackoffMs,
  });
  const publisher = new WebhookPublisher(getStore, renderer, clock, deliveries);
  const incidents = new IncidentOperations(getStore, clock, publisher);
  const events = new EventOperations(getStore, clock, incidents);
  const customFieldRenderer = new CustomFieldRenderer(renderer);
  const customFields = new CustomFieldOperations(getStore, clock, publisher, customFieldRenderer, incidents);
  const responders = new ResponderOperations(getStore, clock, publisher, renderer.responders);
  const statusUpdates = new StatusUpdateOperations(getStore, clock, publisher, renderer);
  const workflowRenderer = new WorkflowRenderer(renderer);
  const workflows = new WorkflowOperations(getStore, clock, publisher, workflowRenderer);
  let seedInfo: SeedInfo;
  const context: EmulatorContext = {
    store,
    clock,
    faults,
    requestLog,
    rateLimiter,
    eventsRateLimiter,
    renderer,
    incidents,
    events,
    customFields,
    customFieldRenderer,
    responders,
    responderRenderer: renderer.responders,
    statusUpdates,
    workflows,
    workflowRenderer,
    publisher,
    deliveries,
    reset(seed) {
      // A reset starts from now, as the Salesforce emulator's does: a test that moved the clock
      // must not leave the next one in the future.
      clock.setOffset(0);
      deliveries.clear();
      rateLimiter.reset();
      eventsRateLimiter.reset();
      requestLog.reset();
      faults.clear();
      seedInfo = applySeed(store, { incidents, customFields }, seed, pagerDutyTimestamp(clock.date()));
      return structuredClone(seedInfo);
    },
    seedInfo: () => structuredClone(seedInfo),
  };
  context.reset(options.seed ?? 'demo');

  const app = express();
  app.disable('x-powered-by');
  app.use(links.withRequestBase());
  app.use(requestLogMiddleware(requestLog, () => clock.now()));
  // Snoozes end on the emulator clock; every request first re-triggers the ones that ended.
  app.use((_req, _res, next) => {
    incidents.expireSnoozes();
    next();
  });
  if (options.observeExchanges) app.use(exchangeObserverMiddleware(options.observeExchanges));
  // The console and its files need no API key, as PagerDuty's web app needs none of the REST API's.
  app.get('/', (_req, res) => {
    res.type('html').send(consolePage());
  });
  // An incident's html_url without a subdomain (`{base}/incidents/{id}`) opens the console on it in
  // a browser: a page request (Accept: text/html) without an API key. API calls go on to the REST route.
  app.get('/incidents/:id', (req, res, next) => {
    if (req.get('authorization') || !/\btext\/html\b/i.test(req.get('accept') ?? '')) {
      next();
      return;
    }
    res.type('html').send(consolePage());
  });
  app.get('/console.js', (_req, res) => {
    res.type('text/javascript').sendFile(path.join(consoleDir, 'console.js'));
  });
  app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.type('image/svg+xml').sendFile(path.join(consoleDir, 'favicon.svg'), { maxAge: '1h' });
  });
  app.use('/__emulator/console', consoleApi(context));
  app.use('/__emulator', controlRouter(context));
  app.use(
    faultMiddleware(faults, (fault, _req, res) => {
      res.status(fault.status ?? 500).json(errorBody(fault.message ?? 'Injected fault', typeof fault.code === 'number' ? fault.code : 2000));
    }),
  );
  // The Events API (events.pagerduty.com in PagerDuty) has no API key and its own body limit and error shape.
  app.use(eventsRouter(context));
  app.use(
    express.json({
      limit: options.bodyLimit ?? '1mb',
      type: ['application/json', 'application/*+json', 'application/vnd.pagerduty+json'],
    }),
  );
  app.use(authMiddleware(getStore));
  app.use(rateLimitMiddleware(rateLimiter));
  // Before the incidents router: `/incidents/custom_fields` is not an incident Id.
  app.use(customFieldsRouter(context));
  app.use(incidentsRouter(context));
  app.use(respondersRouter(context));
  app.use(statusUpdatesRouter(context));
  app.use(workflowsRouter(context));
  app.use(businessServicesRouter(context));
  app.use(resourcesRouter(context));
  app.use(onCallsRouter(context));
  app.use(webhookSubscriptionsRouter(context));
  app.use((_req, _res, next) => next(notFound()));
  app.use(pdErrorHandler());
  return { app, context };
}
