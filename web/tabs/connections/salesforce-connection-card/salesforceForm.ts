import type { SalesforceAuthMode, SalesforceConnectionView, SalesforceEnvironment, UpdateSalesforceConnectionRequest } from '../../../../contracts/api';

/** What the admin is typing on the Salesforce card. Secrets are empty unless newly typed. */
export interface SalesforceDraft {
  authMode: SalesforceAuthMode;
  environment: SalesforceEnvironment;
  loginUrl: string;
  username: string;
  clientId: string;
  alias: string;
  apiVersion: string;
  password: string;
  securityToken: string;
  clientSecret: string;
  privateKey: string;
}

export type SalesforceField = keyof SalesforceDraft;

export const AUTH_MODE_OPTIONS: readonly { value: SalesforceAuthMode; label: string }[] = [
  { value: 'password', label: 'Username + password + security token' },
  { value: 'client_credentials', label: 'OAuth client credentials' },
  { value: 'jwt', label: 'JWT bearer' },
  { value: 'sfdx', label: 'sf CLI org alias' },
];

export const ENVIRONMENT_OPTIONS: readonly { value: SalesforceEnvironment; label: string }[] = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox', label: 'Sandbox' },
  { value: 'custom', label: 'Custom (My Domain)' },
];

/** The login host of the fixed environments (the server applies the same ones). */
export const ENVIRONMENT_LOGIN_URLS: Readonly<Record<Exclude<SalesforceEnvironment, 'custom'>, string>> = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
};

export const SALESFORCE_FIELD_LABELS: Readonly<Record<SalesforceField, string>> = {
  authMode: 'Authentication',
  environment: 'Environment',
  loginUrl: 'Login URL',
  username: 'Username',
  clientId: 'Consumer key (client id)',
  alias: 'Org alias or username',
  apiVersion: 'API version',
  password: 'Password',
  securityToken: 'Security token',
  clientSecret: 'Consumer secret',
  privateKey: 'Private key (PEM)',
};

/** The credential fields each auth mode uses, in display order. */
const MODE_FIELDS: Readonly<Record<SalesforceAuthMode, readonly SalesforceField[]>> = {
  password: ['username', 'password', 'securityToken'],
  client_credentials: ['clientId', 'clientSecret'],
  jwt: ['clientId', 'username', 'privateKey'],
  sfdx: ['alias'],
};

/** The sf CLI keeps its own login host; every other mode needs one. */
export function usesLoginHost(mode: SalesforceAuthMode): boolean {
  return mode !== 'sfdx';
}

export function credentialFields(mode: SalesforceAuthMode): readonly SalesforceField[] {
  return MODE_FIELDS[mode];
}

/** The login URL the chosen environment means: fixed hosts, or what the admin typed for custom. */
export function effectiveLoginUrl(draft: Pick<SalesforceDraft, 'environment' | 'loginUrl'>): string {
  return draft.environment === 'custom' ? draft.loginUrl.trim() : ENVIRONMENT_LOGIN_URLS[draft.environment];
}

export function salesforceDraftFrom(view: SalesforceConnectionView): SalesforceDraft {
  return {
    authMode: view.authMode,
    environment: view.environment,
    loginUrl: view.environment === 'custom' ? view.loginUrl : '',
    username: view.username ?? '',
    clientId: view.clientId ?? '',
    alias: view.alias ?? '',
    apiVersion: view.apiVersion,
    password: '',
    securityToken: '',
    clientSecret: '',
    privateKey: '',
  };
}

const SECRET_FIELDS = ['password', 'securityToken', 'clientSecret', 'privateKey'] as const;
const TEXT_FIELDS = ['username', 'clientId', 'alias'] as const;

/**
 * The PUT body for the chosen mode: its own fields only (a hidden field never changes a
 * stored value), empty text fields clear, and secrets travel only when newly typed.
 */
export function salesforceUpdateFrom(draft: SalesforceDraft): UpdateSalesforceConnectionRequest {
  const fields = new Set(credentialFields(draft.authMode));
  const update: UpdateSalesforceConnectionRequest = { authMode: draft.authMode, apiVersion: draft.apiVersion.trim() };
  if (usesLoginHost(draft.authMode)) {
    update.environment = draft.environment;
    if (draft.environment === 'custom') update.loginUrl = draft.loginUrl.trim();
  }
  for (const field of TEXT_FIELDS) {
    if (fields.has(field)) update[field] = draft[field].trim() || null;
  }
  for (const field of SECRET_FIELDS) {
    // Private keys keep their line breaks; other secrets lose stray spaces from copy and paste.
    const value = field === 'privateKey' ? draft[field] : draft[field].trim();
    if (fields.has(field) && value.trim()) update[field] = value;
  }
  return update;
}

/** Unsaved changes that matter for the chosen mode? */
export function isSalesforceDirty(draft: SalesforceDraft, view: SalesforceConnectionView): boolean {
  const saved = salesforceDraftFrom(view);
  if (draft.authMode !== saved.authMode || draft.apiVersion.trim() !== saved.apiVersion) return true;
  if (usesLoginHost(draft.authMode) && effectiveLoginUrl(draft) !== view.loginUrl.replace(/\/$/, '')) return true;
  return credentialFields(draft.authMode).some((field) => draft[field].trim() !== saved[field]);
}
