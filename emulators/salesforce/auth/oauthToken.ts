import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { isRecord, parseJson } from '../../shared/json';
import type { EmulatorContext } from '../context';
import type { ConnectedApp, Session } from './authRegistry';
import { identityUrl } from './identity';
import { verifyJwtAssertion } from './jwtBearer';
import { acceptedAudiences, instanceUrl, loginEnvironment } from './loginHosts';
import { checkPasswordLogin } from './passwordLogin';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** OAuth errors as Salesforce's token endpoint words them. */
const OAUTH_ERRORS = {
  authenticationFailure: [400, 'invalid_grant', 'authentication failure'],
  inactiveUser: [400, 'invalid_grant', 'inactive user'],
  passwordExpired: [400, 'invalid_grant', 'password expired'],
  apiDisabled: [400, 'invalid_grant', 'API is disabled for this User'],
  invalidClientId: [400, 'invalid_client_id', 'client identifier invalid'],
  invalidClient: [400, 'invalid_client', 'invalid client credentials'],
  unsupportedGrant: [400, 'unsupported_grant_type', 'grant type not supported'],
  noRunAsUser: [400, 'invalid_grant', 'no client credentials user enabled'],
  badRefreshToken: [400, 'invalid_grant', 'expired access/refresh token'],
  invalidAssertion: [400, 'invalid_grant', 'invalid assertion'],
  badAudience: [400, 'invalid_grant', 'audience is invalid'],
  expiredAssertion: [400, 'invalid_grant', 'expired authorization code'],
  unknownSubject: [400, 'invalid_grant', "user hasn't approved this consumer"],
} as const satisfies Record<string, readonly [number, string, string]>;

type OAuthErrorName = keyof typeof OAUTH_ERRORS;

function oauthError(res: Response, name: OAuthErrorName): void {
  const [status, error, description] = OAUTH_ERRORS[name];
  res.status(status).json({ error, error_description: description });
}

function param(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  const fromBody = isRecord(body) ? body[name] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = req.query[name];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/** Client id/secret from the form or from HTTP Basic auth, as Salesforce accepts both. */
function clientCredentials(req: Request): { clientId?: string; clientSecret?: string } {
  const header = req.get('authorization');
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { clientId: param(req, 'client_id'), clientSecret: param(req, 'client_secret') };
}

/** The app named by the request, or the OAuth error to answer. */
function authenticateClient(ctx: EmulatorContext, req: Request, secretRequired: boolean): ConnectedApp | OAuthErrorName {
  const { clientId, clientSecret } = clientCredentials(req);
  const app = clientId ? ctx.auth.app(clientId) : undefined;
  if (!app) return 'invalidClientId';
  if ((secretRequired || clientSecret !== undefined) && clientSecret !== app.clientSecret) return 'invalidClient';
  return app;
}

function tokenResponse(req: Request, res: Response, ctx: EmulatorContext, session: Session, app: ConnectedApp, extra: Record<string, unknown> = {}): void {
  const id = identityUrl(req, ctx, session.userId);
  const issuedAt = String(session.issuedAt);
  const signature = createHmac('sha256', app.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  const user = ctx.auth.user(session.userId);
  if (user) res.locals.principal = user.username;
  res.status(200).json({
    access_token: session.accessToken,
    ...extra,
    instance_url: instanceUrl(req),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature,
  });
}

/** `POST /services/oauth2/token`: password, client_credentials, JWT bearer and refresh_token grants. */
export function oauthToken(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const outcome = grant(ctx, req);
    if (typeof outcome === 'string') oauthError(res, outcome);
    else tokenResponse(req, res, ctx, ctx.auth.issueSession(outcome.userId, { clientId: outcome.app.clientId }), outcome.app);
  };
}

/** Who the grant signs in, through which app; or the OAuth error that refuses it. */
function grant(ctx: EmulatorContext, req: Request): { userId: string; app: ConnectedApp } | OAuthErrorName {
  switch (param(req, 'grant_type')) {
    case 'password': {
      const app = authenticateClient(ctx, req, true);
      if (typeof app === 'string') return app;
      const result = checkPasswordLogin(ctx, param(req, 'username') ?? '', param(req, 'password') ?? '', loginEnvironment(req));
      if (!result.ok) return result.reason === 'invalid_login' ? 'authenticationFailure' : result.reason === 'api_disabled' ? 'apiDisabled' : 'inactiveUser';
      if (result.passwordExpired) return 'passwordExpired';
      return { userId: result.user.userId, app };
    }
    case 'client_credentials': {
      const app = authenticateClient(ctx, req, true);
      if (typeof app === 'string') return app;
      const runAs = app.runAsUserId ? ctx.auth.user(app.runAsUserId) : undefined;
      if (!runAs) return 'noRunAsUser';
      if (runAs.frozen) return 'inactiveUser';
      if (!runAs.apiEnabled) return 'apiDisabled';
      return { userId: runAs.userId, app };
    }
    case JWT_BEARER: {
      const assertion = param(req, 'assertion') ?? '';
      let claims: unknown;
      try {
        claims = parseJson(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
      } catch {
        return 'invalidAssertion';
      }
      if (claims === null) return 'invalidAssertion';
      const iss = isRecord(claims) ? claims.iss : undefined;
      const app = typeof iss === 'string' ? ctx.auth.app(iss) : undefined;
      if (!app) return 'invalidClientId';
      const verified = verifyJwtAssertion(assertion, app.certificatePem, ctx.clock.now());
      if (!verified.ok) return verified.reason === 'expired' ? 'expiredAssertion' : 'invalidAssertion';
      const audiences = Array.isArray(verified.claims.aud) ? verified.claims.aud : [verified.claims.aud];
      const accepted = acceptedAudiences(req);
      if (!audiences.some((aud) => typeof aud === 'string' && accepted.includes(aud.replace(/\/$/, '')))) return 'badAudience';
      const user = typeof verified.claims.sub === 'string' ? ctx.auth.userByUsername(verified.claims.sub) : undefined;
      if (!user || (loginEnvironment(req) === 'sandbox') !== ctx.org.sandbox) return 'unknownSubject';
      if (user.frozen) return 'inactiveUser';
      if (!user.apiEnabled) return 'apiDisabled';
      return { userId: user.userId, app };
    }
    case 'refresh_token': {
      const app = authenticateClient(ctx, req, false);
      if (typeof app === 'string') return app;
      const refresh = ctx.auth.refreshGrant(param(req, 'refresh_token') ?? '');
      if (!refresh || refresh.clientId !== app.clientId) return 'badRefreshToken';
      const user = ctx.auth.user(refresh.userId);
      if (!user || user.frozen) return 'inactiveUser';
      return { userId: refresh.userId, app };
    }
    default:
      return 'unsupportedGrant';
  }
}

/** `POST|GET /services/oauth2/revoke`: 200 when revoked, Salesforce's 400 otherwise. */
export function oauthRevoke(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const token = param(req, 'token') ?? '';
    if (!ctx.auth.revoke(token)) {
      res.status(400).json({ error: 'invalid_token', error_description: 'invalid token' });
      return;
    }
    res.status(200).end();
  };
}
