import type { AppContext } from '../../context';
import { agentAllowed, type AgentClaims } from '../../security/agentAuth';
import { verifySignedRequest, type CanvasRequest, type SignedRequestRefusal } from '../../security/canvasSignedRequest';
import type { CanvasSettings } from '../../store/connections';

export const NOT_SIGNED = 'This request was not signed by your Salesforce org';
const REFUSALS: Record<SignedRequestRefusal, string> = {
  malformed: 'The request carries no valid Canvas signed request.',
  bad_signature: 'Its signature does not match the consumer secret of the PagerDuty Canvas app set on CONNECTIONS.',
  wrong_algorithm: 'It is signed with an algorithm other than HMAC-SHA256.',
  expired: 'It was issued too long ago: reload the Salesforce page.',
};

export type CanvasVerification =
  { ok: true; request: CanvasRequest; claims: AgentClaims; settings: CanvasSettings } | { ok: false; status: 401 | 403; title: string; explanation: string };

/**
 * The one check of a Canvas signed request, shared by the page POSTs (/canvas/console,
 * /canvas/dashboard) and the token renewal (/canvas/token), so a renewal is trusted exactly as
 * far as a page load: the signature with the stored consumer secret (constant time), the
 * algorithm and the age, then the org and profile against the settings on CONNECTIONS.
 */
export async function verifyCanvasPost(
  ctx: Pick<AppContext, 'connections' | 'agentTokens' | 'logger'>,
  signedRequest: unknown,
  what: string,
): Promise<CanvasVerification> {
  const settings = await ctx.connections.canvas();
  if (!settings.consumerSecret) {
    return { ok: false, status: 401, title: NOT_SIGNED, explanation: 'The PagerDuty Canvas app is not set up: store its consumer secret on CONNECTIONS.' };
  }
  const verified = verifySignedRequest(signedRequest, settings.consumerSecret);
  if (!verified.ok) {
    ctx.logger.warn({ what, refusal: verified.refusal }, 'refused a Canvas signed request');
    return { ok: false, status: 401, title: NOT_SIGNED, explanation: REFUSALS[verified.refusal] };
  }
  const claims = ctx.agentTokens.claimsOf(verified.request);
  if (!agentAllowed(settings, claims)) {
    return {
      ok: false,
      status: 403,
      title: 'You may not use the PagerDuty console',
      explanation: 'Your Salesforce org or profile is not among those allowed: ask your PagerDuty integration admin.',
    };
  }
  return { ok: true, request: verified.request, claims, settings };
}
