import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { AppError } from '../errors';
import { TABLES } from '../store/tables';
import { toDate, type Db } from '../store/db';
import { hashPassword, verifyPassword } from './passwords';
import { constantTimeEqual, hashToken, randomToken } from './tokens';

export const SESSION_COOKIE = 'pdsc_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const SIGN_IN_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface AdminSession {
  userId: number;
  username: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The rows this module reads; timestamps come back as Date, number or string depending on the driver. */
interface AdminUserRow {
  id: number;
  username: string;
  password_hash: string | null;
}
interface SignInLinkRow {
  user_id: number;
  expires_at: unknown;
}
interface SessionRow {
  user_id: number;
  username: string;
  csrf_token: string;
  expires_at: unknown;
}

/**
 * Makes sure the first admin exists. With ADMIN_PASSWORD the admin signs in with it (a changed
 * variable replaces the stored hash); without it, only by the one-time link printed at start.
 */
export async function ensureAdmin(db: Db, admin: { username: string; password?: string }): Promise<number> {
  const existing = await db(TABLES.adminUsers).where({ username: admin.username }).first<AdminUserRow | undefined>();
  if (!existing) {
    const [row] = await db(TABLES.adminUsers)
      .insert({
        username: admin.username,
        password_hash: admin.password ? await hashPassword(admin.password) : null,
        created_at: new Date(),
        password_changed_at: admin.password ? new Date() : null,
      })
      .returning<({ id: number } | number)[]>('id');
    if (row === undefined) throw new Error(`Creating the admin user ${admin.username} returned no id`);
    return typeof row === 'object' ? row.id : row;
  }
  if (admin.password && !(existing.password_hash && (await verifyPassword(admin.password, existing.password_hash)))) {
    await db(TABLES.adminUsers)
      .where({ id: existing.id })
      .update({ password_hash: await hashPassword(admin.password), password_changed_at: new Date() });
    await db(TABLES.adminSessions).where({ user_id: existing.id }).delete();
  }
  return existing.id;
}

/** A one-time sign-in link token (as Jupyter prints its token URL). Stored hashed; single use. */
export async function createSignInLink(db: Db, userId: number, now = new Date()): Promise<string> {
  const token = randomToken();
  await db(TABLES.signInLinks).insert({
    token_hash: hashToken(token),
    user_id: userId,
    expires_at: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
  });
  return token;
}

/**
 * Redeems a sign-in link. The delete's row count decides who wins, so of two concurrent
 * redemptions exactly one gets a session (knex's SQLite dialect has no DELETE … RETURNING).
 */
export async function redeemSignInLink(db: Db, token: string, now = new Date()): Promise<number | undefined> {
  const tokenHash = hashToken(token);
  const row = await db(TABLES.signInLinks).where({ token_hash: tokenHash }).first<SignInLinkRow | undefined>('user_id', 'expires_at');
  if (!row) return undefined;
  const deleted = await db(TABLES.signInLinks).where({ token_hash: tokenHash }).delete();
  if (deleted !== 1 || toDate(row.expires_at) <= now) return undefined;
  return row.user_id;
}

export async function verifyCredentials(db: Db, username: string, password: string): Promise<number | undefined> {
  const user = await db(TABLES.adminUsers).where({ username }).first<AdminUserRow | undefined>();
  // Hash even when the user is unknown, so response time does not reveal which usernames exist.
  const stored = user?.password_hash ?? DUMMY_HASH;
  const ok = await verifyPassword(password, stored);
  return ok && user?.password_hash ? user.id : undefined;
}
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db(TABLES.adminSessions).insert({ id_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt });
  await db(TABLES.adminSessions).where('expires_at', '<', now).delete();
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string, now = new Date()): Promise<AdminSession | undefined> {
  const row = await db(TABLES.adminSessions)
    .join(TABLES.adminUsers, `${TABLES.adminUsers}.id`, `${TABLES.adminSessions}.user_id`)
    .where(`${TABLES.adminSessions}.id_hash`, hashToken(token))
    .first<SessionRow | undefined>(
      `${TABLES.adminSessions}.user_id`,
      `${TABLES.adminUsers}.username`,
      `${TABLES.adminSessions}.csrf_token`,
      `${TABLES.adminSessions}.expires_at`,
    );
  if (!row) return undefined;
  const expiresAt = toDate(row.expires_at);
  if (expiresAt <= now) return undefined;
  return { userId: row.user_id, username: row.username, csrfToken: row.csrf_token, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db(TABLES.adminSessions)
    .where({ id_hash: hashToken(token) })
    .delete();
}

export function sessionCookie(token: string, options: { secure: boolean; expiresAt: Date }): string {
  return serializeCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    path: '/',
    expires: options.expiresAt,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: new Date(0) });
}

export function sessionTokenOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every admin API route goes through this: a valid session (401 otherwise) and, on state-changing
 * requests, the session's CSRF token in `X-CSRF-Token` (403 otherwise). SameSite=Strict already
 * stops cross-site cookies; the token is the second, independent line of defence.
 */
export function requireAdmin(db: Db) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = sessionTokenOf(req);
    const session = token ? await findSession(db, token) : undefined;
    if (!session) throw new AppError('unauthenticated', 'Sign in to continue: your session is missing or has expired.');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.header(CSRF_HEADER);
      if (!sent || !constantTimeEqual(sent, session.csrfToken)) {
        throw new AppError('csrf_failed', 'This request lacks a valid CSRF token: reload the page and try again.');
      }
    }
    res.locals.session = session;
    next();
  };
}
