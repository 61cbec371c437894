import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { clearedSessionCookie, deleteSession as removeSession, sessionTokenOf } from '../security/adminAuth';

/** DELETE /api/session: sign out (behind requireAdmin, so it needs the CSRF token too). */
export const deleteSession = (ctx: AppContext) => async (req: Request, res: Response) => {
  const token = sessionTokenOf(req);
  if (token) await removeSession(ctx.db, token);
  res.set('Set-Cookie', clearedSessionCookie(ctx.config.cookieSecure));
  res.status(204).end();
};
