import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { createSession, redeemSignInLink, sessionCookie } from '../security/adminAuth';

/**
 * GET /auth/sign-in?token=…: redeems the one-time link printed at start, then redirects to the
 * app. The token leaves the address bar at once (redirect), and is never logged (see app.ts).
 */
export const getSignInLink = (ctx: AppContext) => async (req: Request, res: Response) => {
  const token = typeof req.query.token === 'string' ? req.query.token : '';
  const userId = token ? await redeemSignInLink(ctx.db, token) : undefined;
  if (userId === undefined) {
    res.redirect(303, '/?signin=expired');
    return;
  }
  const session = await createSession(ctx.db, userId);
  res.set('Set-Cookie', sessionCookie(session.token, { secure: ctx.config.cookieSecure, expiresAt: session.expiresAt }));
  res.redirect(303, '/');
};
