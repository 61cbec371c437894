import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import { faultMiddleware, type Fault } from '../shared/faults';
import { requestLogMiddleware } from '../shared/requestLog';
import { identityDocument, userInfoDocument } from './auth/identity';
import { SANDBOX_LOGIN_PREFIX } from './auth/loginHosts';
import { oauthRevoke, oauthToken } from './auth/oauthToken';
import { soapLogin } from './auth/soapLogin';
import { consoleApi } from './console/consoleApi';
import type { EmulatorContext } from './context';
import { controlRouter, type ControlHooks } from './control/controlRouter';
import { notFound, SalesforceError } from './errors';
import type { QueryLocators } from './rest/queryLocators';
import { requireSession, restRouter, salesforceErrorHandler, sendSalesforceError } from './rest/restRouter';

const consoleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'console');
const canvasDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'canvas');
// The SLDS stylesheet and icons the console page links, as the UI build copied them from
// @salesforce-ux/design-system (a devDependency: a production install has only these copies).
const sldsAssets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/emulators/salesforce/assets');

/** Default error codes for injected faults that name only a status. */
function defaultFaultCode(status: number): string {
  if (status === 401) return 'INVALID_SESSION_ID';
  if (status === 403) return 'REQUEST_LIMIT_EXCEEDED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 503) return 'SERVER_UNAVAILABLE';
  if (status >= 500) return 'UNKNOWN_EXCEPTION';
  return 'INVALID_INPUT';
}

function renderFault(ctx: EmulatorContext) {
  return (fault: Fault, _req: Request, res: Response) => {
    const status = fault.status ?? 500;
    res.setHeader('Sforce-Limit-Info', ctx.apiUsage.header());
    res.status(status).json([{ message: fault.message ?? `Injected fault (HTTP ${status})`, errorCode: String(fault.code ?? defaultFaultCode(status)) }]);
  };
}

/** Login endpoints, served at both login hosts (production at `/`, sandbox at `/sandbox`). */
function loginRouter(ctx: EmulatorContext, bodyLimit: string) {
  const router = express.Router();
  router.post('/services/Soap/u/:version', express.text({ type: () => true, limit: bodyLimit }), soapLogin(ctx));
  const form = express.urlencoded({ extended: false, limit: bodyLimit });
  router.post('/services/oauth2/token', form, oauthToken(ctx));
  router.post('/services/oauth2/revoke', form, oauthRevoke(ctx));
  router.get('/services/oauth2/revoke', oauthRevoke(ctx));
  const identityEndpoint = (render: typeof userInfoDocument | typeof identityDocument) => (req: Request, res: Response) => {
    try {
      const { session } = requireSession(ctx, req, res, { apiEnabledRequired: false });
      res.json(render(req, ctx, session.userId));
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      // The identity service answers in OAuth's words, not the REST API's.
      res
        .status(error.statusCode === 401 ? 403 : error.statusCode)
        .type('text/plain')
        .send(error.statusCode === 401 ? 'Bad_OAuth_Token' : error.message);
    }
  };
  router.get('/services/oauth2/userinfo', identityEndpoint(userInfoDocument));
  router.post('/services/oauth2/userinfo', identityEndpoint(userInfoDocument));
  router.get('/id/:orgId/:userId', identityEndpoint(identityDocument));
  return router;
}

/**
 * `//services/data/...` (what a client builds from an instance URL stored with a trailing slash)
 * is served as `/services/data/...`, as a real org serves it. Only the path is collapsed; the
 * query string is left as sent.
 */
function collapseRepeatedSlashes(req: Request, _res: Response, next: () => void): void {
  const queryAt = req.url.indexOf('?');
  const pathPart = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (pathPart.includes('//')) req.url = pathPart.replace(/\/{2,}/g, '/') + (queryAt === -1 ? '' : req.url.slice(queryAt));
  next();
}

/** Composes the emulator's HTTP surface. */
export function createSalesforceApp(ctx: EmulatorContext, locators: QueryLocators, hooks: ControlHooks, options: { bodyLimit: string }) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogMiddleware(ctx.requestLog, () => ctx.clock.now()));
  app.use(faultMiddleware(ctx.faults, renderFault(ctx)));
  app.use(collapseRepeatedSlashes);
  app.use('/__emulator/console', consoleApi(ctx));
  app.use('/__emulator', controlRouter(ctx, hooks));
  app.use(loginRouter(ctx, options.bodyLimit));
  app.use(SANDBOX_LOGIN_PREFIX, loginRouter(ctx, options.bodyLimit));
  app.use(restRouter(ctx, locators, options.bodyLimit));
  // The console page answers at Lightning's addresses of the Case list, a Case and a new Case.
  const consolePage = (_req: Request, res: Response) => {
    res.sendFile(path.join(consoleDir, 'index.html'));
  };
  app.get(['/', '/lightning/o/Case/list', '/lightning/o/Case/new', '/lightning/r/Case/:id/view'], consolePage);
  // The org's Canvas SDK, which framed Canvas apps load from the instance URL (canvas/canvas-all.js says what it emulates).
  app.get('/canvas/sdk/js/:version/canvas-all.js', (_req, res) => {
    res.type('text/javascript').sendFile(path.join(canvasDir, 'canvas-all.js'), { maxAge: '1h' });
  });
  app.get('/console.js', (_req, res) => {
    res.type('text/javascript').sendFile(path.join(consoleDir, 'console.js'));
  });
  app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.type('image/svg+xml').sendFile(path.join(consoleDir, 'favicon.svg'), { maxAge: '1h' });
  });
  app.use('/assets', express.static(sldsAssets, { fallthrough: true, maxAge: '1h' }));
  app.use((_req: Request, res: Response) => sendSalesforceError(res, notFound()));
  app.use(salesforceErrorHandler);
  return app;
}
