import type { EmulatorContext } from '../context';
import type { UserCredentials } from './authRegistry';
import type { LoginEnvironment } from './loginHosts';

export type PasswordLoginResult =
  { ok: true; user: UserCredentials; passwordExpired: boolean } | { ok: false; reason: 'invalid_login' | 'frozen' | 'inactive' | 'api_disabled' };

/**
 * Checks a username and password+security token at a login host. Wrong host (a production
 * user at the sandbox host), unknown user, wrong password or token all fail alike, as
 * Salesforce never says which part was wrong.
 */
export function checkPasswordLogin(ctx: EmulatorContext, username: string, passwordWithToken: string, environment: LoginEnvironment): PasswordLoginResult {
  if ((environment === 'sandbox') !== ctx.org.sandbox) return { ok: false, reason: 'invalid_login' };
  const user = ctx.auth.userByUsername(username);
  if (!user || !ctx.auth.checkPassword(user, passwordWithToken)) return { ok: false, reason: 'invalid_login' };
  if (user.frozen) return { ok: false, reason: 'frozen' };
  if (ctx.store.find('User', user.userId)?.IsActive === false) return { ok: false, reason: 'inactive' };
  if (!user.apiEnabled) return { ok: false, reason: 'api_disabled' };
  return { ok: true, user, passwordExpired: user.passwordExpired };
}
