import type { Logger } from 'pino';
import type { CanvasSettings, ConnectionStore } from '../store/connections';
import type { ConnectedOrg, SalesforceSession } from '../vendors/salesforce/session';
import { agentAllowed, type AgentClaims, type AgentTokens } from './agentAuth';
import { verifySignedRequest, type CanvasRequest, type SignedRequestRefusal } from './canvasSignedRequest';
import type { CanvasSessionCheck } from './canvasSessionCheck';
import { isSalesforceOrigin, sameInstance } from './salesforceOrigins';

/**
 * Everything a Canvas POST (`signed_request`) must pass before a page gets an agent token; every
 * Canvas route (the console, the dashboard, a token refresh) calls this one function.
 *
 * 1. Signed: HMAC-SHA256 with the Canvas app's consumer secret, in constant time, algorithm
 *    HMACSHA256 (canvasSignedRequest.ts).
 * 2. From an allowed org and profile, failing closed: with no org listed on CONNECTIONS only the
 *    org this connector is connected to (agentAuth.ts `allowedOrgIds`).
 * 3. Live. A signature has no expiry, and the CanvasRequest carries no time of its own: `issuedAt`
 *    is when its OAuth token was issued (Canvas Developer Guide, "CanvasRequest"), hours before a
 *    page load or null, so an age check on it refuses good requests and bounds nothing. What does
 *    expire is the token: Salesforce ends it at logout, session timeout, freezing or revocation.
 *    So the request is live when its `client.oauthToken` is a live session of the request's own
 *    user and org, as the org's UserInfo endpoint says (the approach open-source Canvas apps
 *    settled on for the same reason). A captured signed request replays only while its user's
 *    session lives, as the token itself would. The answer is cached for minutes
 *    (canvasSessionCheck.ts) so a reload costs no call.
 *    The token goes only to `client.instanceUrl` when that is Salesforce: an https origin on a
 *    Salesforce domain, or the instance of the connected org (the emulator's, in the demo and the
 *    tests); a request naming any other host is refused before anything is sent.
 */

const NOT_SIGNED = 'This request was not signed by your Salesforce org';
const SESSION_ENDED = 'Your Salesforce session has ended';
const NOT_ALLOWED = 'You may not use the PagerDuty console';
const NOT_SET_UP = 'The PagerDuty console is not set up for your org';
const UNCONFIRMED = 'Salesforce could not confirm your session';

const SIGNATURE_PROBLEMS: Record<SignedRequestRefusal, string> = {
  malformed: 'The request carries no valid Canvas signed request.',
  bad_signature: 'Its signature does not match the consumer secret of the PagerDuty Canvas app set on CONNECTIONS.',
  wrong_algorithm: 'It is signed with an algorithm other than HMAC-SHA256.',
};

export type CanvasRefusalReason =
  | 'not_configured'
  | SignedRequestRefusal
  | 'no_org_allowed'
  | 'org_or_profile_not_allowed'
  | 'instance_not_salesforce'
  | 'no_oauth_token'
  | 'session_ended'
  | 'token_of_another_user'
  | 'salesforce_unavailable';

/** What a refused request is answered: a page with this title and explanation, with this status. */
export interface CanvasRefusal {
  status: 401 | 403 | 503;
  reason: CanvasRefusalReason;
  title: string;
  explanation: string;
}

export type CanvasPostVerification =
  { ok: true; request: CanvasRequest; claims: AgentClaims; settings: CanvasSettings } | { ok: false; refusal: CanvasRefusal };

/** What the verification reads: the app context (server/context.ts) has all of it. */
export interface CanvasPostContext {
  connections: Pick<ConnectionStore, 'canvas'>;
  sessions: { salesforce: Pick<SalesforceSession, 'connectedOrg'> };
  canvasSessions: Pick<CanvasSessionCheck, 'check'>;
  agentTokens: Pick<AgentTokens, 'claimsOf'>;
  logger: Pick<Logger, 'warn'>;
}

const refused = (status: CanvasRefusal['status'], reason: CanvasRefusalReason, title: string, explanation: string): CanvasPostVerification => ({
  ok: false,
  refusal: { status, reason, title, explanation },
});

/** `body` is the POST's parsed form (`signed_request`). */
export async function verifyCanvasPost(ctx: CanvasPostContext, body: unknown): Promise<CanvasPostVerification> {
  const settings = await ctx.connections.canvas();
  if (!settings.consumerSecret) {
    return refused(401, 'not_configured', NOT_SIGNED, 'The PagerDuty Canvas app is not set up: store its consumer secret on CONNECTIONS.');
  }
  const signedRequest = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).signed_request : undefined;
  const verified = verifySignedRequest(signedRequest, settings.consumerSecret);
  if (!verified.ok) return refused(401, verified.refusal, NOT_SIGNED, SIGNATURE_PROBLEMS[verified.refusal]);
  const request = verified.request;
  const claims = ctx.agentTokens.claimsOf(request);

  // The connected org, read at most once: it decides the org when none is listed, and vouches
  // for an instance URL outside Salesforce's domains.
  let connected: Promise<ConnectedOrg | undefined> | undefined;
  const connectedOrg = () => (connected ??= ctx.sessions.salesforce.connectedOrg());

  let connectedOrgId: string | undefined;
  if (settings.allowedOrgIds.length === 0) {
    try {
      connectedOrgId = (await connectedOrg())?.organizationId;
    } catch (error) {
      ctx.logger.warn({ err: error }, 'Canvas request: the connected Salesforce org could not be read');
      return refused(
        503,
        'salesforce_unavailable',
        UNCONFIRMED,
        'Salesforce could not be reached to learn which org this app serves: reload the page in a moment.',
      );
    }
    if (!connectedOrgId) {
      return refused(
        403,
        'no_org_allowed',
        NOT_SET_UP,
        'No Salesforce org may use it yet: on CONNECTIONS, list your org id under "Allowed Salesforce org ids" of the Salesforce Canvas app, or connect Salesforce (its org is then the one allowed).',
      );
    }
  }
  if (!agentAllowed(settings, claims, connectedOrgId)) {
    return refused(
      403,
      'org_or_profile_not_allowed',
      NOT_ALLOWED,
      'Your Salesforce org or profile is not among those allowed: ask your PagerDuty integration admin.',
    );
  }

  const { instanceUrl, oauthToken } = request.client;
  if (!isSalesforceOrigin(instanceUrl)) {
    const org = await connectedOrg().catch(() => undefined);
    if (!org || !sameInstance(instanceUrl, org.instanceUrl)) {
      return refused(
        401,
        'instance_not_salesforce',
        NOT_SIGNED,
        'It names a Salesforce instance that is neither a Salesforce domain nor the org this app is connected to.',
      );
    }
  }
  if (!oauthToken) {
    return refused(
      401,
      'no_oauth_token',
      UNCONFIRMED,
      'The signed request carries no OAuth token: give the connected app the OAuth scope "Access the identity URL service" (id), then reload the page.',
    );
  }
  const verdict = await ctx.canvasSessions.check({ instanceUrl, oauthToken, userId: claims.userId, organizationId: claims.orgId });
  switch (verdict.kind) {
    case 'live':
      break;
    case 'ended':
      return refused(401, 'session_ended', SESSION_ENDED, 'Reload the Salesforce page, signing in again if it asks, to open the PagerDuty console.');
    case 'not_this_user':
      return refused(401, 'token_of_another_user', NOT_SIGNED, 'Its OAuth token belongs to another user or org than the request names.');
    case 'unavailable':
      return refused(503, 'salesforce_unavailable', UNCONFIRMED, `Salesforce did not answer (${verdict.message}): reload the page in a moment.`);
  }
  return { ok: true, request, claims, settings };
}
