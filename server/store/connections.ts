import type { CustomHeader, SalesforceAuthMode, SalesforceEnvironment } from '../../contracts/api';
import type { AgentAction } from '../../contracts/agent';
import type { SecretBox } from '../security/secrets';
import { toDate, type Db } from './db';
import { TABLES } from './tables';

export const DEFAULT_PAGERDUTY_API_URL = 'https://api.pagerduty.com';
/** PagerDuty's Events API host: alerts go to `<url>/v2/enqueue`, never through the REST API. */
export const DEFAULT_EVENTS_API_URL = 'https://events.pagerduty.com';
export const DEFAULT_SALESFORCE_API_VERSION = '62.0';
export const LOGIN_URLS: Record<Exclude<SalesforceEnvironment, 'custom'>, string> = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
};

export interface PagerDutySettings {
  apiUrl: string;
  fromEmail: string | null;
  apiKey?: string;
  /** Sent on every REST call; sealed with the key (values may be tokens). None when absent. */
  customHeaders?: CustomHeader[];
  updatedAt: Date | null;
}

export interface SalesforceSettings {
  authMode: SalesforceAuthMode;
  environment: SalesforceEnvironment;
  loginUrl: string;
  username: string | null;
  clientId: string | null;
  alias: string | null;
  apiVersion: string;
  password?: string;
  securityToken?: string;
  clientSecret?: string;
  privateKey?: string;
  updatedAt: Date | null;
}

/** The Salesforce Canvas app that embeds the agents' console (see server/security/canvasSignedRequest.ts). */
export interface CanvasSettings {
  /** The connected app's consumer secret: it signs every Canvas request. Sealed at rest. */
  consumerSecret?: string;
  /** Salesforce org ids (15 or 18 characters) whose signed requests are accepted; empty: only the org of the Salesforce connection (none without one). */
  allowedOrgIds: string[];
  /** Origins besides the signed request's own that may frame the console (`frame-ancestors`), e.g. https://acme.lightning.force.com. */
  frameAncestors: string[];
  /** Salesforce profile ids whose users may use the console; empty: every profile. */
  allowedProfileIds: string[];
  /** What agents may do from the console; its action endpoints enforce it. */
  agentActions: AgentAction[];
  updatedAt: Date | null;
}

/**
 * Where the connector pages about itself (server/selfMonitor/): an Events API v2 integration's
 * routing key, kept apart from the REST key so a page about a broken REST key still goes out.
 */
export interface SelfAlertSettings {
  eventsApiUrl: string;
  /** The integration key of an Events API v2 integration on the service to page. Sealed at rest. */
  routingKey?: string;
  updatedAt: Date | null;
}

type PagerDutySecrets = Pick<PagerDutySettings, 'apiKey' | 'customHeaders'>;
type SalesforceSecrets = Pick<SalesforceSettings, 'password' | 'securityToken' | 'clientSecret' | 'privateKey'>;
/** A connection's sealed secrets: only those that were set are stored. */
type StoredSecrets = Partial<PagerDutySecrets & SalesforceSecrets & Pick<CanvasSettings, 'consumerSecret'> & Pick<SelfAlertSettings, 'routingKey'>>;

interface ConnectionRow {
  id: 'pagerduty' | 'salesforce' | 'canvas' | 'self_alerts';
  /** JSON: the settings but their secrets and updatedAt */
  config: string;
  secrets_encrypted: string | null;
  updated_at: unknown;
}

export const emptyPagerDutySettings = (): PagerDutySettings => ({ apiUrl: DEFAULT_PAGERDUTY_API_URL, fromEmail: null, updatedAt: null });
export const emptySalesforceSettings = (): SalesforceSettings => ({
  authMode: 'password',
  environment: 'production',
  loginUrl: LOGIN_URLS.production,
  username: null,
  clientId: null,
  alias: null,
  apiVersion: DEFAULT_SALESFORCE_API_VERSION,
  updatedAt: null,
});

export const emptySelfAlertSettings = (): SelfAlertSettings => ({ eventsApiUrl: DEFAULT_EVENTS_API_URL, updatedAt: null });

export const emptyCanvasSettings = (): CanvasSettings => ({ allowedOrgIds: [], frameAncestors: [], allowedProfileIds: [], agentActions: [], updatedAt: null });

/**
 * Row ⇄ domain mapping for the connections (PagerDuty, Salesforce, the Salesforce Canvas app). Non-secret settings are plain JSON; secrets are
 * one AES-256-GCM blob per connection, bound to the connection id.
 */
export class ConnectionStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async pagerduty(): Promise<PagerDutySettings> {
    const row = await this.#row('pagerduty');
    if (!row) return emptyPagerDutySettings();
    return { ...emptyPagerDutySettings(), ...row.config, ...this.#secrets('pagerduty', row.secrets), updatedAt: row.updatedAt };
  }

  async salesforce(): Promise<SalesforceSettings> {
    const row = await this.#row('salesforce');
    if (!row) return emptySalesforceSettings();
    return { ...emptySalesforceSettings(), ...row.config, ...this.#secrets('salesforce', row.secrets), updatedAt: row.updatedAt };
  }

  async canvas(): Promise<CanvasSettings> {
    const row = await this.#row('canvas');
    if (!row) return emptyCanvasSettings();
    return { ...emptyCanvasSettings(), ...row.config, ...this.#secrets('canvas', row.secrets), updatedAt: row.updatedAt };
  }

  async selfAlerts(): Promise<SelfAlertSettings> {
    const row = await this.#row('self_alerts');
    if (!row) return emptySelfAlertSettings();
    return { ...emptySelfAlertSettings(), ...row.config, ...this.#secrets('self_alerts', row.secrets), updatedAt: row.updatedAt };
  }

  async saveSelfAlerts(settings: SelfAlertSettings): Promise<void> {
    const { routingKey, ...config } = settings;
    await this.#write('self_alerts', config, { routingKey });
  }

  async saveCanvas(settings: CanvasSettings): Promise<void> {
    const { consumerSecret, ...config } = settings;
    await this.#write('canvas', config, { consumerSecret });
  }

  async savePagerDuty(settings: PagerDutySettings): Promise<void> {
    const { apiKey, customHeaders, ...config } = settings;
    await this.#write('pagerduty', config, { apiKey, customHeaders: customHeaders?.length ? customHeaders : undefined });
  }

  async saveSalesforce(settings: SalesforceSettings): Promise<void> {
    const { password, securityToken, clientSecret, privateKey, ...config } = settings;
    await this.#write('salesforce', config, { password, securityToken, clientSecret, privateKey });
  }

  async #row(id: ConnectionRow['id']): Promise<{ config: Record<string, unknown>; secrets: string | null; updatedAt: Date } | undefined> {
    const row = await this.db<ConnectionRow>(TABLES.connections).where({ id }).first();
    if (!row) return undefined;
    return { config: JSON.parse(row.config) as Record<string, unknown>, secrets: row.secrets_encrypted, updatedAt: toDate(row.updated_at) };
  }

  #secrets(id: ConnectionRow['id'], sealed: string | null): StoredSecrets {
    return sealed ? (JSON.parse(this.box.open(sealed, `connection:${id}`)) as StoredSecrets) : {};
  }

  /** Stores `settings` but `updatedAt` (the row's own column) as config, and the secrets sealed. */
  async #write(id: ConnectionRow['id'], settings: object, secrets: StoredSecrets): Promise<void> {
    const config = Object.fromEntries(Object.entries(settings).filter(([key]) => key !== 'updatedAt'));
    const entries: [string, unknown][] = Object.entries(secrets);
    const present = Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ''));
    const row = {
      id,
      config: JSON.stringify(config),
      secrets_encrypted: Object.keys(present).length ? this.box.seal(JSON.stringify(present), `connection:${id}`) : null,
      updated_at: new Date(),
    };
    await this.db(TABLES.connections).insert(row).onConflict('id').merge();
  }
}
