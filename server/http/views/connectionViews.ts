import { maskSecret } from '../../security/secrets';
import { missingSettings } from '../../vendors/salesforce/connect';
import type { PagerDutySettings, SalesforceSettings } from '../../store/connections';
import type { PagerDutyConnectionView, SalesforceConnectionView } from '../../../contracts/api';

/** What the API shows of the connections: secrets only as "set" flags with a short hint. */
export function pagerDutyView(settings: PagerDutySettings): PagerDutyConnectionView {
  return {
    configured: Boolean(settings.apiKey),
    apiUrl: settings.apiUrl,
    fromEmail: settings.fromEmail,
    apiKey: maskSecret(settings.apiKey),
    customHeaders: (settings.customHeaders ?? []).map((header) => ({ name: header.name, value: maskSecret(header.value) })),
    apiUrlWarning: plaintextApiUrlWarning(settings.apiUrl),
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/**
 * http:// stays accepted (an emulator, a TLS-terminating proxy on the same network), but the key
 * and custom headers then cross the network in clear text: said on the card unless the host is
 * this machine, where nothing crosses a network.
 */
export function plaintextApiUrlWarning(apiUrl: string): string | null {
  if (!URL.canParse(apiUrl)) return null;
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  return `The API URL is http://: the REST API key and custom headers travel unencrypted to ${url.host}. Use https:// unless that host is a proxy on a network you trust.`;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function salesforceView(settings: SalesforceSettings): SalesforceConnectionView {
  return {
    configured: missingSettings(settings).length === 0,
    authMode: settings.authMode,
    environment: settings.environment,
    loginUrl: settings.loginUrl,
    username: settings.username,
    clientId: settings.clientId,
    alias: settings.alias,
    apiVersion: settings.apiVersion,
    password: { set: Boolean(settings.password) },
    securityToken: { set: Boolean(settings.securityToken) },
    clientSecret: { set: Boolean(settings.clientSecret) },
    privateKey: { set: Boolean(settings.privateKey) },
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}
