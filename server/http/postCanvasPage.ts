import express, { type Request, type Response } from 'express';
import type { CanvasLocation } from '../../contracts/agent';
import type { AppContext } from '../context';
import type { CanvasRequest } from '../security/canvasSignedRequest';
import { verifyCanvasPost } from '../security/verifyCanvasPost';
import { builtCanvasPage, refusalPage, withAgentToken } from './views/canvasPages';
import { canvasFrameAncestors, canvasPageCsp, canvasSdk } from './views/canvasCsp';

/**
 * The page a verified request gets: its location's, except that the console's canvas URL serves the
 * Status Dashboard to a Canvas App component whose Parameters ask for it (`{"page":"dashboard"}`).
 * A connected app has one canvas URL and one consumer secret, so in a real org one connected app
 * then gives both pages (the Case record page and the utility bar), verified with the one secret.
 */
function pageOf(location: CanvasLocation, request: CanvasRequest): CanvasLocation {
  return location === 'console' && request.context.environment.parameters?.page === 'dashboard' ? 'dashboard' : location;
}

/**
 * POST /canvas/<location>: Salesforce's Canvas signed request (form field `signed_request`). A
 * request that passes `verifyCanvasPost` (signed, allowed, live) gets the location's page with a
 * fresh agent token bound to it, framable by the org's own origins only; anything else gets a page
 * saying why, and no token. Each location is one route with this handler (`postCanvasPage(ctx, 'console')`).
 */
export const postCanvasPage = (ctx: AppContext, location: CanvasLocation) =>
  [
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req: Request, res: Response) => {
      const verified = await verifyCanvasPost(ctx, req.body);
      if (!verified.ok) {
        const { status, reason, title, explanation } = verified.refusal;
        ctx.logger.warn({ location, reason }, 'refused a Canvas signed request');
        // Who framed a refusal is unknown, and the page holds nothing to protect: Salesforce may show it.
        res
          .status(status)
          .set('Content-Security-Policy', canvasPageCsp(['*']))
          .removeHeader('X-Frame-Options');
        res.type('html').send(refusalPage(title, explanation));
        return;
      }
      const page = builtCanvasPage(pageOf(location, verified.request));
      if (!page) {
        res.status(503).type('text').send('The web UI is not built: run `npm run build:web` (npm start does it for you).');
        return;
      }
      const ancestors = canvasFrameAncestors(verified.request.client, verified.settings.frameAncestors);
      // The org's Canvas SDK, which renews the token of a page left open (POST /canvas/token).
      const sdk = canvasSdk(verified.request.client);
      res
        .set({
          'Content-Security-Policy': canvasPageCsp(ancestors, sdk ? [sdk.origin] : []),
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        })
        .removeHeader('X-Frame-Options');
      const token = { token: ctx.agentTokens.issue(verified.claims), expiresAt: verified.claims.expiresAt, sdkUrl: sdk?.url };
      res.type('html').send(withAgentToken(page, token));
    },
  ] as const;
