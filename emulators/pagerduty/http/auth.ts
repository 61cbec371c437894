import type { NextFunction, Request, Response } from 'express';
import type { ApiKey, User } from '../model';
import type { PagerDutyStore } from '../store';
import { accessDenied, authenticationFailed, PdError } from './errors';

/** Who is calling, as the auth middleware found out; handlers read it via `callerOf(res)`. */
export interface Caller {
  key: ApiKey;
  /** The user a user-level key acts as; undefined for account-level keys. */
  user?: User;
}

const TOKEN_HEADER = /^Token\s+token=(\S+)\s*$/i;

/**
 * `Authorization: Token token=<key>` as PagerDuty reads it. Unknown or missing keys get 401;
 * read-only keys may only read (403 on anything but GET/HEAD), as PagerDuty's read-only keys.
 */
export function authMiddleware(store: () => PagerDutyStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = TOKEN_HEADER.exec(req.get('authorization') ?? '');
    const token = match?.[1];
    const key = token === undefined ? undefined : store().apiKeys.get(token);
    if (!key) {
      next(authenticationFailed());
      return;
    }
    res.locals.principal = key.label;
    const user = key.userId ? store().users.get(key.userId) : undefined;
    if (key.kind === 'user' && !user) {
      next(authenticationFailed());
      return;
    }
    res.locals.caller = { key, user } satisfies Caller;
    if (key.kind === 'read_only' && req.method !== 'GET' && req.method !== 'HEAD') {
      next(accessDenied('This API key is read-only and cannot be used for write requests.'));
      return;
    }
    next();
  };
}

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new PdError(401, 2006, 'Authentication failed');
  return caller;
}
