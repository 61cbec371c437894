import type { Request } from 'express';

/**
 * One local server stands in for both login hosts: `{url}` is production
 * (login.salesforce.com) and `{url}/sandbox` is the sandbox host (test.salesforce.com). jsforce
 * takes either as its `loginUrl`. The org answers logins only at the host of its own kind.
 */
export const SANDBOX_LOGIN_PREFIX = '/sandbox';

export type LoginEnvironment = 'production' | 'sandbox';

export function loginEnvironment(req: Request): LoginEnvironment {
  return req.baseUrl.startsWith(SANDBOX_LOGIN_PREFIX) ? 'sandbox' : 'production';
}

/** The server's own base URL as the client reached it (`http://127.0.0.1:4010`). */
export function instanceUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** The login URL the client used, which prefixes identity URLs (`{loginUrl}/id/{org}/{user}`). */
export function loginUrl(req: Request): string {
  return instanceUrl(req) + (loginEnvironment(req) === 'sandbox' ? SANDBOX_LOGIN_PREFIX : '');
}

/** Audiences a JWT bearer assertion may name for this environment: the real host or ours. */
export function acceptedAudiences(req: Request): string[] {
  const real = loginEnvironment(req) === 'sandbox' ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
  return [real, loginUrl(req)];
}
