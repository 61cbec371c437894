import fs from 'node:fs';
import type { AppConfig } from '../config';
import { DEFAULT_PAGERDUTY_API_URL, LOGIN_URLS, type ConnectionStore } from './connections';

/** True when the environment configures a real connection (then demo mode stays off). */
export function envConfiguresConnections(env: AppConfig['env']): boolean {
  return Boolean(env.PD_API_KEY || env.SF_USERNAME || env.SF_CLIENT_ID || env.SF_ALIAS);
}

/**
 * Connections given in the environment are written to the store at start (the environment wins
 * over what the CONNECTIONS tab saved), so one configuration path feeds everything.
 */
export async function applyEnvConnections(config: AppConfig, connections: ConnectionStore): Promise<void> {
  const env = config.env;
  if (env.PD_API_KEY) {
    const current = await connections.pagerduty();
    await connections.savePagerDuty({
      ...current,
      apiKey: env.PD_API_KEY,
      apiUrl: env.PD_API_URL ?? DEFAULT_PAGERDUTY_API_URL,
      fromEmail: env.PD_FROM_EMAIL ?? current.fromEmail,
    });
  }
  if (env.SF_USERNAME || env.SF_CLIENT_ID || env.SF_ALIAS) {
    const current = await connections.salesforce();
    const loginUrl = env.SF_LOGIN_URL ?? LOGIN_URLS.production;
    const environment = loginUrl === LOGIN_URLS.production ? 'production' : loginUrl === LOGIN_URLS.sandbox ? 'sandbox' : 'custom';
    const privateKey = env.SF_PRIVATE_KEY_FILE ? readPrivateKey(env.SF_PRIVATE_KEY_FILE) : undefined;
    await connections.saveSalesforce({
      ...current,
      authMode: env.SF_AUTH_MODE ?? (env.SF_ALIAS ? 'sfdx' : privateKey ? 'jwt' : env.SF_CLIENT_SECRET && !env.SF_PASSWORD ? 'client_credentials' : 'password'),
      environment,
      loginUrl,
      username: env.SF_USERNAME ?? null,
      clientId: env.SF_CLIENT_ID ?? null,
      alias: env.SF_ALIAS ?? null,
      ...(env.SF_PASSWORD ? { password: env.SF_PASSWORD } : {}),
      ...(env.SF_SECURITY_TOKEN ? { securityToken: env.SF_SECURITY_TOKEN } : {}),
      ...(env.SF_CLIENT_SECRET ? { clientSecret: env.SF_CLIENT_SECRET } : {}),
      ...(privateKey ? { privateKey } : {}),
    });
  }
}

function readPrivateKey(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `SF_PRIVATE_KEY_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code}); give the path of the PEM private key of the connected app.`,
      { cause: error },
    );
  }
}
