import express, { type Request, type Response } from 'express';
import type { AgentTokenReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { verifyCanvasPost } from '../security/verifyCanvasPost';

/**
 * POST /canvas/token: the renewal of an open Canvas page's agent token (30 minutes). The page gets
 * a fresh signed request from Salesforce (the Canvas SDK's refreshSignedRequest) and POSTs it here
 * as `signed_request`, form-encoded like Salesforce's own POST; `verifyCanvasPost` checks it
 * exactly as it checks a page's (signed, allowed, live), and a fresh token bound to it comes back
 * as JSON. No cookie is involved, so it works in a cross-site frame. A refusal is the JSON error
 * envelope (401/403/503) with the refusal page's words.
 */
export const postCanvasToken = (ctx: AppContext) =>
  [
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req: Request, res: Response<AgentTokenReply>) => {
      const verified = await verifyCanvasPost(ctx, req.body);
      if (!verified.ok) {
        const { status, reason, title, explanation } = verified.refusal;
        ctx.logger.warn({ location: 'token', reason }, 'refused a Canvas signed request');
        const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'upstream_failed';
        throw new AppError(code, `${title}. ${explanation}`);
      }
      res.set('Cache-Control', 'no-store');
      res.json({ token: ctx.agentTokens.issue(verified.claims), expiresAt: verified.claims.expiresAt });
    },
  ] as const;
