import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { createSession, sessionCookie, verifyCredentials } from '../security/adminAuth';
import { signInRequest, type SessionReply } from '../../contracts/api';
import { parseInput } from './validate';

/** POST /api/session: sign in with username and password (rate-limited in app.ts). */
export const postSession = (ctx: AppContext) => async (req: Request, res: Response<SessionReply>) => {
  const { username, password } = parseInput(signInRequest, req.body);
  const userId = await verifyCredentials(ctx.db, username, password);
  if (userId === undefined) throw new AppError('unauthenticated', 'Wrong username or password.');
  const session = await createSession(ctx.db, userId);
  res.set('Set-Cookie', sessionCookie(session.token, { secure: ctx.config.cookieSecure, expiresAt: session.expiresAt }));
  res.json({ authenticated: true, username, csrfToken: session.csrfToken, demo: ctx.demo });
};
