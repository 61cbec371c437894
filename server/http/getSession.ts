import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { findSession, sessionTokenOf } from '../security/adminAuth';
import type { SessionReply } from '../../contracts/api';

/** GET /api/session: who is signed in, and the CSRF token for this session. Public. */
export const getSession = (ctx: AppContext) => async (req: Request, res: Response<SessionReply>) => {
  const token = sessionTokenOf(req);
  const session = token ? await findSession(ctx.db, token) : undefined;
  res.set('Cache-Control', 'no-store');
  res.json(
    session ? { authenticated: true, username: session.username, csrfToken: session.csrfToken, demo: ctx.demo } : { authenticated: false, demo: ctx.demo },
  );
};
