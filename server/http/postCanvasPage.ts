import express, { type Request, type Response } from 'express';
import type { CanvasLocation } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentAllowed } from '../security/agentAuth';
import { verifySignedRequest, type SignedRequestRefusal } from '../security/canvasSignedRequest';
import { builtCanvasPage, refusalPage, withAgentToken } from './views/canvasPages';
import { canvasFrameAncestors, canvasPageCsp } from './views/canvasCsp';

const NOT_SIGNED = 'This request was not signed by your Salesforce org';
const REFUSALS: Record<SignedRequestRefusal, string> = {
  malformed: 'The request carries no valid Canvas signed request.',
  bad_signature: 'Its signature does not match the consumer secret of the PagerDuty Canvas app set on CONNECTIONS.',
  wrong_algorithm: 'It is signed with an algorithm other than HMAC-SHA256.',
  expired: 'It was issued too long ago: reload the Salesforce page.',
};

/**
 * POST /canvas/<location>: Salesforce's Canvas signed request (form field `signed_request`). A
 * verified request gets the location's page with a fresh agent token bound to it, framable by the
 * org's own origins only; anything else gets a page saying why, and no token. Each location is one
 * route with this handler (`postCanvasPage(ctx, 'console')`).
 */
export const postCanvasPage = (ctx: AppContext, location: CanvasLocation) =>
  [
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req: Request, res: Response) => {
      const settings = await ctx.connections.canvas();
      // Who framed a refusal is unknown, and the page holds nothing to protect: Salesforce may show it.
      const refuse = (status: number, title: string, explanation: string) => {
        res
          .status(status)
          .set('Content-Security-Policy', canvasPageCsp(['*']))
          .removeHeader('X-Frame-Options');
        res.type('html').send(refusalPage(title, explanation));
      };
      if (!settings.consumerSecret) {
        refuse(401, NOT_SIGNED, 'The PagerDuty Canvas app is not set up: store its consumer secret on CONNECTIONS.');
        return;
      }
      const body = req.body as Record<string, unknown> | undefined;
      const verified = verifySignedRequest(body?.signed_request, settings.consumerSecret);
      if (!verified.ok) {
        ctx.logger.warn({ location, refusal: verified.refusal }, 'refused a Canvas signed request');
        refuse(401, NOT_SIGNED, REFUSALS[verified.refusal]);
        return;
      }
      const claims = ctx.agentTokens.claimsOf(verified.request);
      if (!agentAllowed(settings, claims)) {
        refuse(
          403,
          'You may not use the PagerDuty console',
          'Your Salesforce org or profile is not among those allowed: ask your PagerDuty integration admin.',
        );
        return;
      }
      const page = builtCanvasPage(location);
      if (!page) {
        res.status(503).type('text').send('The web UI is not built: run `npm run build:web` (npm start does it for you).');
        return;
      }
      const ancestors = canvasFrameAncestors(verified.request.client, settings.frameAncestors);
      res
        .set({ 'Content-Security-Policy': canvasPageCsp(ancestors), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
        .removeHeader('X-Frame-Options');
      res.type('html').send(withAgentToken(page, ctx.agentTokens.issue(claims)));
    },
  ] as const;
