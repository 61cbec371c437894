import express, { type Request, type Response } from 'express';
import type { AgentTokenReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { verifyCanvasPost } from './views/canvasVerification';

/**
 * POST /canvas/token: the renewal of an open Canvas page's agent token (30 minutes). The page gets
 * a fresh signed request from Salesforce (the Canvas SDK's refreshSignedRequest, or a repost) and
 * POSTs it here as `signed_request`, form-encoded like Salesforce's own POST; it is verified
 * exactly as the page's was, and a fresh token bound to it comes back as JSON. No cookie is
 * involved, so it works in a cross-site frame. A refusal is the JSON error envelope (401/403).
 */
export const postCanvasToken = (ctx: AppContext) =>
  [
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req: Request, res: Response<AgentTokenReply>) => {
      const body = req.body as Record<string, unknown> | undefined;
      const verified = await verifyCanvasPost(ctx, body?.signed_request, 'token');
      if (!verified.ok) throw new AppError(verified.status === 401 ? 'unauthenticated' : 'forbidden', `${verified.title}. ${verified.explanation}`);
      res.set('Cache-Control', 'no-store');
      res.json({ token: ctx.agentTokens.issue(verified.claims), expiresAt: verified.claims.expiresAt });
    },
  ] as const;
