import type { ConnectionTestResult } from '../../../contracts/api';
import type { PagerDutySettings } from '../../store/connections';
import type { OutboundProxy } from '../outboundProxy';
import { PagerDutyApiError, PagerDutyClient, PagerDutyNetworkError, apiPath, type PagerDutyClientOptions } from './client';

/**
 * Abilities the integration depends on (`GET /abilities/{id}` answers 204 when the account has
 * it, 402 when its plan does not): rules set incident urgency, which needs `urgencies`.
 */
export const REQUIRED_ABILITIES = ['urgencies'] as const;

type Check = Omit<ConnectionTestResult, 'checkedAt'>;

/** A client's options from the connection settings: base URL, key, From user, custom headers, proxy. */
export function pagerDutyClientOptions(settings: PagerDutySettings, apiKey: string, proxy: OutboundProxy): PagerDutyClientOptions {
  return {
    apiUrl: settings.apiUrl,
    apiKey,
    fromEmail: settings.fromEmail,
    customHeaders: settings.customHeaders ?? [],
    dispatcher: proxy.dispatcher,
  };
}

export function clientFor(settings: PagerDutySettings, proxy: OutboundProxy, options: { timeoutMs?: number } = {}): PagerDutyClient | undefined {
  if (!settings.apiKey) return undefined;
  return new PagerDutyClient({ ...pagerDutyClientOptions(settings, settings.apiKey, proxy), ...options });
}

/** "Test REST API connection": the key works, is not read-only, and the account has what we need. */
export async function testPagerDutyConnection(settings: PagerDutySettings, proxy: OutboundProxy): Promise<ConnectionTestResult> {
  return stamp(await runConnectionTest(settings, proxy));
}

async function runConnectionTest(settings: PagerDutySettings, proxy: OutboundProxy): Promise<Check> {
  const client = clientFor(settings, proxy, { timeoutMs: 10_000 });
  if (!client) {
    return {
      ok: false,
      reason: 'not_configured',
      message: 'No PagerDuty REST API key is set.',
      hint: 'Enter a REST API key on the CONNECTIONS tab (PagerDuty: Integrations › API Access Keys).',
    };
  }
  try {
    await client.request('GET', '/abilities');
    for (const ability of REQUIRED_ABILITIES) {
      const answer = await client.request('GET', apiPath`/abilities/${ability}`).catch((error: unknown) => error);
      if (answer instanceof PagerDutyApiError && answer.status === 402) {
        return {
          ok: false,
          reason: 'missing_ability',
          message: `The PagerDuty account lacks the "${ability}" ability.`,
          hint: 'Your PagerDuty plan does not include it; ask your PagerDuty account owner to enable it or upgrade the plan.',
        };
      }
      if (answer instanceof Error) throw answer;
    }
    // A harmless write probe: an empty incident is always invalid (400) for a full-access key,
    // while a read-only key is refused before validation (403). Nothing is ever created.
    const probe = await client.request('POST', '/incidents', { body: { incident: {} } }).catch((error: unknown) => error);
    if (probe instanceof PagerDutyApiError && probe.status === 403) {
      return {
        ok: false,
        reason: 'read_only_key',
        message: 'The REST API key is read-only.',
        hint: 'Create a full-access REST API key (PagerDuty: Integrations › API Access Keys, without "Read-only") and enter it here.',
      };
    }
    if (probe instanceof PagerDutyNetworkError) throw probe;
    return {
      ok: true,
      message: 'Connection OK',
      details: client.rateLimit ? { rateLimitRemaining: client.rateLimit.remaining, rateLimitLimit: client.rateLimit.limit } : {},
    };
  } catch (error) {
    return explainPagerDutyError(error);
  }
}

/** "Test integration user": the From email belongs to a PagerDuty user who can write. */
export async function testIntegrationUser(settings: PagerDutySettings, proxy: OutboundProxy): Promise<ConnectionTestResult> {
  return stamp(await runUserTest(settings, proxy));
}

async function runUserTest(settings: PagerDutySettings, proxy: OutboundProxy): Promise<Check> {
  const client = clientFor(settings, proxy, { timeoutMs: 10_000 });
  if (!client) return { ok: false, reason: 'not_configured', message: 'No PagerDuty REST API key is set.', hint: 'Enter a REST API key first.' };
  if (!settings.fromEmail) {
    return {
      ok: false,
      reason: 'not_configured',
      message: 'No integration user email is set.',
      hint: 'Enter the email of the PagerDuty user on whose behalf incidents are written.',
    };
  }
  const fromEmail = settings.fromEmail;
  try {
    const { body } = await client.request<{ users: { id: string; name: string; email: string; role: string }[] }>('GET', '/users', {
      query: { query: settings.fromEmail, limit: 100 },
    });
    const user = body.users.find((candidate) => candidate.email.toLowerCase() === fromEmail.toLowerCase());
    if (!user) {
      return {
        ok: false,
        reason: 'user_not_found',
        message: `No PagerDuty user has the email ${settings.fromEmail}.`,
        hint: 'Writes need the email of an existing PagerDuty user (the From header); check the spelling or create the user in PagerDuty.',
      };
    }
    if (['read_only_user', 'read_only_limited_user', 'observer', 'limited_user'].includes(user.role)) {
      return {
        ok: false,
        reason: 'user_cannot_write',
        message: `${user.name} (${user.email}) has the "${user.role}" role and cannot act on incidents.`,
        hint: 'Choose a user with the Responder, Manager, Admin or Owner role.',
      };
    }
    return { ok: true, message: `Integration user OK: ${user.name} (${user.email})`, details: { userId: user.id, role: user.role } };
  } catch (error) {
    return explainPagerDutyError(error);
  }
}

export function explainPagerDutyError(error: unknown): Check {
  if (error instanceof PagerDutyNetworkError) {
    return {
      ok: false,
      reason: 'unreachable',
      message: error.message,
      hint: 'Check the API base URL and that this server can reach it (proxy, firewall, DNS).',
    };
  }
  if (error instanceof PagerDutyApiError) {
    switch (error.status) {
      case 401:
        return {
          ok: false,
          reason: 'invalid_key',
          message: 'PagerDuty rejected the REST API key.',
          hint: 'The key is wrong or was deleted: copy a valid key from PagerDuty (Integrations › API Access Keys).',
        };
      case 403:
        return {
          ok: false,
          reason: 'forbidden',
          message: `PagerDuty refused the request: ${error.message}`,
          hint: 'The key lacks permission for this call; use a full-access key.',
        };
      case 429:
        return {
          ok: false,
          reason: 'rate_limited',
          message: 'PagerDuty is rate limiting this key right now.',
          hint: 'Wait a minute and test again; the sync engine paces itself within the limit.',
        };
      default:
        return {
          ok: false,
          reason: 'api_error',
          message: `PagerDuty answered ${error.status}: ${error.message}`,
          hint: error.errors.join('; ') || 'Try again; if it persists, check PagerDuty status.',
        };
    }
  }
  throw error;
}

function stamp(check: Check): ConnectionTestResult {
  return { ...check, checkedAt: new Date().toISOString() };
}
