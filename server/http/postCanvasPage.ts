import express, { type Request, type Response } from 'express';
import type { CanvasLocation } from '../../contracts/agent';
import type { AppContext } from '../context';
import { verifyCanvasPost } from '../security/verifyCanvasPost';
import { builtCanvasPage, refusalPage, withAgentToken } from './views/canvasPages';
import { canvasFrameAncestors, canvasPageCsp } from './views/canvasCsp';

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
      const page = builtCanvasPage(location);
      if (!page) {
        res.status(503).type('text').send('The web UI is not built: run `npm run build:web` (npm start does it for you).');
        return;
      }
      const ancestors = canvasFrameAncestors(verified.request.client, verified.settings.frameAncestors);
      res
        .set({ 'Content-Security-Policy': canvasPageCsp(ancestors), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
        .removeHeader('X-Frame-Options');
      res.type('html').send(withAgentToken(page, ctx.agentTokens.issue(verified.claims)));
    },
  ] as const;
