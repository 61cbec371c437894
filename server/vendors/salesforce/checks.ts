import type { ConnectionTestResult } from '../../../contracts/api';
import type { SalesforceSettings } from '../../store/connections';
import type { OutboundProxy } from '../outboundProxy';
import { connectSalesforce, SalesforceSettingsIncomplete } from './connect';

type Check = Omit<ConnectionTestResult, 'checkedAt'>;

/** "Test Salesforce authentication": log in with the configured mode and read the API budget. */
export async function testSalesforceConnection(settings: SalesforceSettings, proxy: OutboundProxy): Promise<ConnectionTestResult> {
  let result: Check;
  try {
    const connection = await connectSalesforce(settings, proxy);
    const limits = await connection.limits();
    const daily = limits.DailyApiRequests;
    const identity = connection.userInfo;
    result = {
      ok: true,
      message: 'Connection OK',
      details: {
        instanceUrl: connection.instanceUrl,
        userId: identity?.id,
        organizationId: identity?.organizationId,
        ...(daily ? { apiUsed: daily.Max - daily.Remaining, apiLimit: daily.Max } : {}),
      },
    };
  } catch (error) {
    result = explainSalesforceError(error, settings);
  }
  return { ...result, checkedAt: new Date().toISOString() };
}

/** Maps what jsforce and @salesforce/core throw to a plain reason and what to do about it. */
export function explainSalesforceError(error: unknown, settings: Pick<SalesforceSettings, 'authMode' | 'loginUrl'>): Check {
  if (error instanceof SalesforceSettingsIncomplete) {
    return { ok: false, reason: 'not_configured', message: error.message, hint: 'Complete the Salesforce connection on the CONNECTIONS tab.' };
  }
  const err = error as { name?: string; message?: string; errorCode?: string; code?: string; cause?: { code?: string; message?: string } };
  const text = `${err.name ?? ''} ${err.errorCode ?? ''} ${err.message ?? ''}`;
  // jsforce sends with undici's fetch, which throws "fetch failed" with the socket's error as its cause.
  const networkCode = err.code ?? err.cause?.code;
  if (networkCode && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(networkCode)) {
    return {
      ok: false,
      reason: 'untrusted_certificate',
      message: `Salesforce at ${settings.loginUrl} presented a certificate this server does not trust (${networkCode}${err.cause?.message ? `: ${err.cause.message}` : ''}).`,
      hint: 'Check the login URL; behind a TLS-inspecting proxy, give Node its certificate authority with NODE_EXTRA_CA_CERTS.',
    };
  }
  if (networkCode && ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'].includes(networkCode)) {
    return {
      ok: false,
      reason: 'unreachable',
      message: `Salesforce at ${settings.loginUrl} could not be reached (${networkCode}).`,
      hint: 'Check the login URL (production, sandbox or My Domain) and that this server can reach it.',
    };
  }
  if (/fetch failed|socket hang up|getaddrinfo/i.test(text)) {
    return {
      ok: false,
      reason: 'unreachable',
      message: `Salesforce at ${settings.loginUrl} could not be reached.`,
      hint: 'Check the login URL and the network path (proxy, firewall, DNS).',
    };
  }
  if (/password has expired|PASSWORD_EXPIRED|expired password/i.test(text)) {
    return {
      ok: false,
      reason: 'password_expired',
      message: "The Salesforce user's password has expired.",
      hint: 'Sign in to Salesforce as this user, set a new password, then enter it (and the new security token Salesforce emails) here.',
    };
  }
  if (/API_DISABLED_FOR_ORG|API_CURRENTLY_DISABLED|API is not enabled/i.test(text)) {
    return {
      ok: false,
      reason: 'api_disabled',
      message: 'API access is disabled for this user or org.',
      hint: 'Give the integration user the "API Enabled" permission (profile or permission set); Essentials and Professional editions need the API add-on.',
    };
  }
  if (/LOGIN_MUST_USE_SECURITY_TOKEN/i.test(text)) {
    return {
      ok: false,
      reason: 'security_token_required',
      message: 'Salesforce requires the security token for this login.',
      hint: 'Enter the security token (Salesforce: Settings › Reset My Security Token emails a new one).',
    };
  }
  if (/INVALID_LOGIN|invalid_grant/i.test(text)) {
    return settings.authMode === 'password'
      ? {
          ok: false,
          reason: 'invalid_login',
          message: 'Salesforce rejected the username, password or security token.',
          hint: 'Check the username and password, and enter the current security token (Settings › Reset My Security Token); a sandbox needs the sandbox login host.',
        }
      : {
          ok: false,
          reason: 'invalid_grant',
          message: `Salesforce refused the grant: ${err.message ?? 'authentication failure'}.`,
          hint: 'Check the connected app: the user is pre-authorized, the certificate matches the private key, and the run-as user is set for client credentials.',
        };
  }
  if (/invalid_client|invalid_client_id/i.test(text)) {
    return {
      ok: false,
      reason: 'invalid_client',
      message: 'Salesforce does not know this connected app or its secret.',
      hint: "Copy the consumer key and secret from the connected app (Setup › App Manager › View) and use the org's My Domain URL.",
    };
  }
  if (/INVALID_SESSION_ID/i.test(text)) {
    return {
      ok: false,
      reason: 'session_invalid',
      message: 'The Salesforce session is invalid or expired.',
      hint: 'Test again to sign in anew; for an sf CLI org, run `sf org login` again.',
    };
  }
  if (/NamedOrgNotFound|No authorization information found|AuthInfo|No org configuration found/i.test(text)) {
    return {
      ok: false,
      reason: 'sfdx_org_not_found',
      message: `The sf CLI has no authorized org with that alias or username.`,
      hint: 'On this server run `sf org login web --alias <alias>` (or jwt), then enter the alias here.',
    };
  }
  if (/REQUEST_LIMIT_EXCEEDED/i.test(text)) {
    return {
      ok: false,
      reason: 'api_limit_exceeded',
      message: "The org's daily API allocation is used up.",
      hint: 'Wait for the 24-hour window to roll over or ask Salesforce for more API calls.',
    };
  }
  return {
    ok: false,
    reason: 'error',
    message: `Salesforce sign-in failed: ${err.message ?? String(error)}`,
    hint: 'Check the connection settings and try again.',
  };
}
