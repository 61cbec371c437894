import type { Request, Response } from 'express';
import type { User } from '../model';
import type { PagerDutyStore } from '../store';
import { callerOf } from './auth';
import { PdError } from './errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The user a write acts as. A user-level key is its user (PagerDuty ignores `From` then); an
 * account-level key must name a user of the account in the `From` header.
 * - missing `From`: 400, code 2016, the wording PagerDuty answers with (seen in client bug
 *   reports; the error-code table reuses 2016 for timeouts, the API answers it for this too);
 * - not an email address: 400, 2001 Invalid Input Provided;
 * - an email no user of the account has: 400, 1008 Requester User Not Found.
 */
export function actingUser(req: Request, res: Response, store: PagerDutyStore): User {
  const caller = callerOf(res);
  if (caller.user) return caller.user;
  const from = req.get('from')?.trim();
  if (!from) {
    throw new PdError(400, 2016, 'You must specify a user\'s email address in the "From" header to perform this action');
  }
  if (!EMAIL.test(from)) {
    throw new PdError(400, 2001, 'Invalid Input Provided', ['"From" header must be a valid email address.']);
  }
  const user = store.userByEmail(from);
  if (!user) throw new PdError(400, 1008, 'Requester User Not Found');
  return user;
}

/**
 * The user a write acts as where PagerDuty does not require `From` (custom field values,
 * responder requests name their requester in the body): the key's user, else the `From` user
 * when one is given (checked as `actingUser` does), else nobody.
 */
export function optionalActingUser(req: Request, res: Response, store: PagerDutyStore): User | null {
  if (callerOf(res).user || req.get('from')?.trim()) return actingUser(req, res, store);
  return null;
}
