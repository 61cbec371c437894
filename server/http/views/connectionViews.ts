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
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
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
